/** The official worked examples and self-check vectors of api-facts §4.2 (V1) and §4.3 (V3). */
import { describe, expect, it } from 'vitest';
import {
  canonicalRequestV3,
  canonicalizeV1,
  sha256Hex,
  signV1,
  signV3,
  stringToSignV1,
  stringToSignV3,
  type ParamList,
} from '../../src/signing/index.js';

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

describe('V1 official example (RPC mechanism doc)', () => {
  const params: ParamList = [
    ['Action', 'DescribeDedicatedHosts'],
    ['Version', '2014-05-26'],
    ['Format', 'JSON'],
    ['RegionId', 'cn-beijing'],
    ['SignatureMethod', 'HMAC-SHA1'],
    ['SignatureVersion', '1.0'],
    ['SignatureNonce', 'edb2b34af0af9a6d14deaf7c1a5315eb'],
    ['Timestamp', '2023-03-13T08:34:30Z'],
    ['AccessKeyId', 'testid'],
  ];
  const stringToSign =
    'GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeDedicatedHosts%26Format%3DJSON%26RegionId%3Dcn-beijing%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3Dedb2b34af0af9a6d14deaf7c1a5315eb%26SignatureVersion%3D1.0%26Timestamp%3D2023-03-13T08%253A34%253A30Z%26Version%3D2014-05-26';

  it('canonicalizes the query', () => {
    expect(canonicalizeV1(params)).toBe(
      'AccessKeyId=testid&Action=DescribeDedicatedHosts&Format=JSON&RegionId=cn-beijing&SignatureMethod=HMAC-SHA1&SignatureNonce=edb2b34af0af9a6d14deaf7c1a5315eb&SignatureVersion=1.0&Timestamp=2023-03-13T08%3A34%3A30Z&Version=2014-05-26',
    );
  });
  it('builds the string to sign', () => {
    expect(stringToSignV1('GET', params)).toBe(stringToSign);
  });
  it('signs it', () => {
    expect(signV1('testsecret', stringToSign)).toBe('9NaGiOspFP5UPcwX8Iwt2YJXXuk=');
  });
  it('leaves a Signature parameter out of the signed string', () => {
    expect(stringToSignV1('GET', [...params, ['Signature', '9NaGiOspFP5UPcwX8Iwt2YJXXuk=']])).toBe(stringToSign);
  });
});

describe('V1 SDK unit vector (darabonba openapi-util test)', () => {
  it('signs {test: "ok"} with an empty method', () => {
    expect(signV1('accessKeySecret', stringToSignV1('', [['test', 'ok']]))).toBe('jHx/oHoHNrbVfhncHEvPdHXZwHU=');
  });
});

describe('V1 local self-check vector', () => {
  it('signs the AssumeRole example', () => {
    const params: ParamList = [
      ['AccessKeyId', 'LTAI5tExampleExample'],
      ['Action', 'AssumeRole'],
      ['DurationSeconds', '3600'],
      ['Format', 'JSON'],
      ['RoleArn', 'acs:ram::1234567890123456:role/cross-arms-ro'],
      ['RoleSessionName', 'alice@b'],
      ['SignatureMethod', 'HMAC-SHA1'],
      ['SignatureNonce', '4f0d1c9e-0000-4000-8000-000000000001'],
      ['SignatureVersion', '1.0'],
      ['Timestamp', '2025-01-01T00:00:00Z'],
      ['Version', '2015-04-01'],
    ];
    expect(signV1('exampleSecret', stringToSignV1('POST', params))).toBe('Aq1mEob16QUFVqlIMbPTOvIUBnw=');
  });
});

describe('V3 official example (Request syntax and signature method V3 doc)', () => {
  const input = {
    method: 'POST',
    path: '/',
    query: [
      ['RegionId', 'cn-shanghai'],
      ['ImageId', 'win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd'],
    ] as ParamList,
    headers: {
      host: 'ecs.cn-shanghai.aliyuncs.com',
      'x-acs-action': 'RunInstances',
      'x-acs-version': '2014-05-26',
      'x-acs-date': '2023-10-26T10:22:32Z',
      'x-acs-signature-nonce': '3156853299f313e23d1673dc12e1703d',
      'x-acs-content-sha256': EMPTY_SHA256,
    },
    signedHeaders: ['host', 'x-acs-action', 'x-acs-content-sha256', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-version'],
    payloadHash: sha256Hex(''),
  };

  it('builds the canonical request', () => {
    expect(canonicalRequestV3(input)).toBe(
      [
        'POST',
        '/',
        'ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai',
        'host:ecs.cn-shanghai.aliyuncs.com',
        'x-acs-action:RunInstances',
        `x-acs-content-sha256:${EMPTY_SHA256}`,
        'x-acs-date:2023-10-26T10:22:32Z',
        'x-acs-signature-nonce:3156853299f313e23d1673dc12e1703d',
        'x-acs-version:2014-05-26',
        '',
        'host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version',
        EMPTY_SHA256,
      ].join('\n'),
    );
  });
  it('builds the string to sign', () => {
    expect(stringToSignV3(canonicalRequestV3(input))).toBe(
      'ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259',
    );
  });
  it('signs it', () => {
    expect(signV3('YourAccessKeySecret', stringToSignV3(canonicalRequestV3(input)))).toBe(
      '06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0',
    );
  });
});

describe('V3 local self-check vector', () => {
  const signedHeaders = [
    'host', 'x-acs-action', 'x-acs-content-sha256', 'x-acs-date', 'x-acs-security-token', 'x-acs-signature-nonce', 'x-acs-version',
  ];
  const canonical = canonicalRequestV3({
    method: 'POST',
    path: '/',
    query: [],
    headers: {
      host: 'sts.aliyuncs.com',
      'x-acs-action': 'GetCallerIdentity',
      'x-acs-version': '2015-04-01',
      'x-acs-date': '2025-01-01T00:00:00Z',
      'x-acs-signature-nonce': '00000000-0000-4000-8000-000000000002',
      'x-acs-security-token': 'CAIStestToken',
      'x-acs-content-sha256': EMPTY_SHA256,
    },
    signedHeaders,
    payloadHash: EMPTY_SHA256,
  });

  it('hashes the canonical request', () => {
    expect(stringToSignV3(canonical)).toBe(
      'ACS3-HMAC-SHA256\n59d2d54a25e2aa0420e748eb2e6c235f8e4f5a12b6c812a91f798073cfa4aa7c',
    );
  });
  it('signs it', () => {
    expect(signV3('exampleSecret', stringToSignV3(canonical))).toBe(
      '4f892069338d3307891baf7e505e87085fb3b80f7371232e438a1d1683ba0ab5',
    );
  });
});
