import { describe, expect, it } from 'vitest';
import { resolveServeConfig } from '../../src/server/config.js';

describe('serve configuration precedence', () => {
  it('uses the documented defaults when nothing is set', () => {
    expect(resolveServeConfig({}, {})).toMatchObject({ host: '127.0.0.1', port: 8640, tlsPort: 8643, dataDir: './.ramstack', clockSkewSeconds: 900 });
  });

  it('takes environment variables over defaults', () => {
    const config = resolveServeConfig({}, { RAMSTACK_HOST: '0.0.0.0', RAMSTACK_PORT: '9000', RAMSTACK_TLS_PORT: '9001', RAMSTACK_DATA_DIR: '/d', RAMSTACK_DATABASE_URL: 'postgres://x/y' });
    expect(config).toMatchObject({ host: '0.0.0.0', port: 9000, tlsPort: 9001, dataDir: '/d', databaseUrl: 'postgres://x/y' });
  });

  it('takes flags over environment variables', () => {
    const config = resolveServeConfig({ port: '7000', data: '/flag' }, { RAMSTACK_PORT: '9000', RAMSTACK_DATA_DIR: '/env' });
    expect(config).toMatchObject({ port: 7000, dataDir: '/flag' });
  });

  it('rejects a port that is not a number between 0 and 65535', () => {
    expect(() => resolveServeConfig({ port: '70000' }, {})).toThrow(/port/);
    expect(() => resolveServeConfig({}, { RAMSTACK_TLS_PORT: 'abc' })).toThrow(/tls-port/);
  });
});
