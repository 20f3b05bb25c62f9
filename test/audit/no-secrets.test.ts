import { authenticator } from 'otplib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { call, failure } from '../ram/access-fixture.js';
import { ramClient, stsClient, StsModels, type Keys } from '../helpers/sdk.js';
import { startTestServer, uniqueAlias, type TestServer } from '../helpers/server.js';
import { assume, assumingUser, eventually, storedRows, trustedRole, type AuditAccount } from './trail.js';
import type { AuditEvent } from '../../src/audit/index.js';

let t: TestServer;
afterAll(() => t.stop());

/** Every secret the scenario creates or sends, by what it is. */
const secrets: Record<string, string> = {};
/** TOTP codes are six digits: looked for as whole JSON strings, not inside longer numbers. */
const codes: string[] = [];
let events: AuditEvent[];

beforeAll(async () => {
  t = await startTestServer();
  const created = await t.createAccount(uniqueAlias('secrets'));
  secrets.rootPassword = created.rootPassword;
  secrets.rootKeySecret = created.accessKeySecret;
  const account: AuditAccount = { accountId: created.accountId, keys: { accessKeyId: created.accessKeyId, accessKeySecret: created.accessKeySecret }, root: ramClient({ accessKeyId: created.accessKeyId, accessKeySecret: created.accessKeySecret }, { endpoint: t.endpoint }) };
  const { root } = account;

  secrets.loginPassword = 'Login-Pa55word!';
  secrets.updatedPassword = 'Updated-Pa55word!';
  await call(root, 'CreateUser', { userName: 'alice' });
  await call(root, 'CreateLoginProfile', { userName: 'alice', password: secrets.loginPassword });
  await call(root, 'UpdateLoginProfile', { userName: 'alice', password: secrets.updatedPassword });

  const aliceKey = (await call(root, 'CreateAccessKey', { userName: 'alice' })).body.accessKey;
  secrets.userKeySecret = aliceKey.accessKeySecret;

  const device = (await call(root, 'CreateVirtualMFADevice', { virtualMFADeviceName: 'alice-phone' })).body.virtualMFADevice;
  secrets.totpSeed = device.base32StringSeed;
  const now = Date.now();
  codes.push(authenticator.clone({ epoch: now - 30_000 }).generate(device.base32StringSeed), authenticator.clone({ epoch: now }).generate(device.base32StringSeed));
  await call(root, 'BindMFADevice', { userName: 'alice', serialNumber: device.serialNumber, authenticationCode1: codes[0], authenticationCode2: codes[1] });

  const bob: Keys = await assumingUser(t, account, 'bob');
  secrets.bobKeySecret = bob.accessKeySecret;
  const roleArn = await trustedRole(account, 'reader', account.accountId, 'AliyunRAMReadOnlyAccess');
  const session = await assume(t, bob, roleArn, 'bob-session');
  secrets.sessionKeySecret = session.accessKeySecret;
  secrets.securityToken = session.securityToken!;
  await call(ramClient(session, { endpoint: t.endpoint }), 'ListUsers');

  // A V1 string to sign quotes every parameter and the SecurityToken; a bad signature answers with it.
  secrets.refusedPassword = 'Refused-Pa55word!';
  const badUser = ramClient({ ...aliceKey, accessKeySecret: 'wrong' }, { endpoint: t.endpoint, signatureAlgorithm: 'v2' });
  expect((await failure(call(badUser, 'CreateLoginProfile', { userName: 'alice', password: secrets.refusedPassword }))).code).toBe('SignatureDoesNotMatch');
  const badSession = stsClient({ ...session, accessKeySecret: 'wrong' }, { endpoint: t.endpoint, signatureAlgorithm: 'v2' });
  expect((await failure(badSession.getCallerIdentity())).code).toBe('SignatureDoesNotMatch');

  const rows = await eventually(() => storedRows(t), (all) => all.filter((r) => r.action === 'GetCallerIdentity').length > 0 && all.filter((r) => r.action === 'CreateLoginProfile').length >= 2);
  events = rows.map((r) => JSON.parse(r.event) as AuditEvent);
  // The trail holds the calls that carried secrets, so the search below has something to search.
  expect(events.filter((e) => e.requestParameters.Password === '[redacted]').length).toBeGreaterThanOrEqual(3);
  expect(events.some((e) => e.eventName === 'BindMFADevice' && e.requestParameters.AuthenticationCode1 === '[redacted]')).toBe(true);
  expect(events.some((e) => e.eventName === 'GetCallerIdentity' && e.errorCode === 'SignatureDoesNotMatch')).toBe(true);
});

it('no stored event contains any password, AccessKey secret, SecurityToken, TOTP seed or TOTP code', () => {
  const text = JSON.stringify(events);
  // As sent, and as a V1 string to sign quotes it (percent-encoded once more).
  const encode = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const forms = (secret: string) => [secret, encode(secret), encode(encode(secret))];
  const found = Object.entries(secrets).filter(([, secret]) => forms(secret).some((form) => text.includes(form))).map(([name]) => name);
  const codesFound = codes.filter((code) => text.includes(`"${code}"`));
  expect({ found, codesFound }).toEqual({ found: [], codesFound: [] });
});
