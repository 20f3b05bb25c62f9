/** Loader for ../shared/vectors/sdk-requests.json (fields documented in its README). */
import { readFileSync } from 'node:fs';

export interface SdkVector {
  id: string;
  label: string;
  signatureVersion: 'ACS3-HMAC-SHA256' | 'RPC-V1-HMAC-SHA1';
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
  method: string;
  path: string;
  rawQuery: string;
  headers: Record<string, string>;
  body: string;
  expectedSignature: string;
  signedHeaders?: string[];
  standardVerifiable: boolean;
  derived: {
    canonicalRequest?: string;
    canonicalizedQuery?: string;
    stringToSign: string;
    standardAlgorithmWouldGive?: string;
  };
}

export const vectors: SdkVector[] = JSON.parse(
  readFileSync(new URL('../../../shared/vectors/sdk-requests.json', import.meta.url), 'utf8'),
) as SdkVector[];
