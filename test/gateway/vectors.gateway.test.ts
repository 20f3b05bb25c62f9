import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Authenticator } from '../../src/gateway/authenticate.js';
import type { CredentialResolver } from '../../src/gateway/credentials.js';
import { parseRpcRequest, type HttpRequestParts } from '../../src/gateway/rpc-request.js';
import { ApiError } from '../../src/errors/api-error.js';

/** The 42 requests the official SDKs really sent, replayed through the gateway's parse + authenticate. */
interface Vector {
  id: string;
  label: string;
  method: string;
  path: string;
  rawQuery: string;
  headers: Record<string, string>;
  body: string;
  accessKeyId: string;
  accessKeySecret: string;
  standardVerifiable: boolean;
}

const vectors: Vector[] = JSON.parse(readFileSync(new URL('../../../shared/vectors/sdk-requests.json', import.meta.url), 'utf8'));

/** Knows every vector's key, as the store would; freshness and replay are off for captured requests. */
const resolver: CredentialResolver = {
  async resolve(accessKeyId) {
    const vector = vectors.find((v) => v.accessKeyId === accessKeyId)!;
    return { secret: vector.accessKeySecret, caller: { kind: 'root', accountId: '1', arn: 'acs:ram::1:root', accessKeyId } };
  },
};
const authenticator = new Authenticator(resolver, { clockSkewMs: 900_000, checkFreshness: false, nonces: null });

function partsOf(v: Vector): HttpRequestParts {
  return {
    method: v.method,
    url: v.rawQuery ? `${v.path}?${v.rawQuery}` : v.path,
    headers: v.headers,
    body: Buffer.from(v.body ?? '', 'utf8'),
    secure: false,
    sourceIp: '127.0.0.1',
  };
}

describe('captured official SDK requests through the gateway', () => {
  it('has the 42 vectors of which 39 are standard', () => {
    expect(vectors).toHaveLength(42);
    expect(vectors.filter((v) => v.standardVerifiable)).toHaveLength(39);
  });

  for (const v of vectors.filter((x) => x.standardVerifiable)) {
    it(`${v.id} ${v.label} authenticates`, async () => {
      const parts = partsOf(v);
      const caller = await authenticator.authenticate(parseRpcRequest(parts), parts, Date.now());
      expect(caller.accessKeyId).toBe(v.accessKeyId);
    });
  }

  for (const v of vectors.filter((x) => !x.standardVerifiable)) {
    it(`${v.id} ${v.label} is rejected with SignatureDoesNotMatch`, async () => {
      const parts = partsOf(v);
      const err = await authenticator.authenticate(parseRpcRequest(parts), parts, Date.now()).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ApiError);
      expect((err as ApiError).code).toBe('SignatureDoesNotMatch');
    });
  }
});
