/**
 * `ramstack serve` settings: flags win over environment variables, which win over defaults.
 */
export interface ServeConfig {
  host: string;
  port: number;
  tlsPort: number;
  dataDir: string;
  databaseUrl?: string;
  databaseSchema?: string;
  tlsCert?: string;
  tlsKey?: string;
  /** Accepted clock skew for Timestamp / x-acs-date, seconds. */
  clockSkewSeconds: number;
  logLevel: string;
}

export interface ServeFlags {
  host?: string;
  port?: string;
  tlsPort?: string;
  data?: string;
  databaseUrl?: string;
  databaseSchema?: string;
  tlsCert?: string;
  tlsKey?: string;
  clockSkew?: string;
  logLevel?: string;
}

function port(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name} must be a port number (0-65535), got "${value}"`);
  return n;
}

export function resolveServeConfig(flags: ServeFlags, env: NodeJS.ProcessEnv = process.env): ServeConfig {
  const pick = (flag: string | undefined, envName: string): string | undefined => flag ?? (env[envName] || undefined);
  const optional = <K extends string>(key: K, value: string | undefined) => (value === undefined ? {} : { [key]: value });
  const skew = pick(flags.clockSkew, 'RAMSTACK_CLOCK_SKEW_SECONDS');
  const clockSkewSeconds = skew === undefined ? 900 : Number(skew);
  if (!Number.isInteger(clockSkewSeconds) || clockSkewSeconds <= 0) throw new Error(`clock skew must be a positive number of seconds, got "${skew}"`);
  return {
    host: pick(flags.host, 'RAMSTACK_HOST') ?? '127.0.0.1',
    port: port(pick(flags.port, 'RAMSTACK_PORT'), 8640, 'port'),
    tlsPort: port(pick(flags.tlsPort, 'RAMSTACK_TLS_PORT'), 8643, 'tls-port'),
    dataDir: pick(flags.data, 'RAMSTACK_DATA_DIR') ?? './.ramstack',
    ...optional('databaseUrl', pick(flags.databaseUrl, 'RAMSTACK_DATABASE_URL')),
    ...optional('databaseSchema', pick(flags.databaseSchema, 'RAMSTACK_DATABASE_SCHEMA')),
    ...optional('tlsCert', pick(flags.tlsCert, 'RAMSTACK_TLS_CERT')),
    ...optional('tlsKey', pick(flags.tlsKey, 'RAMSTACK_TLS_KEY')),
    clockSkewSeconds,
    logLevel: pick(flags.logLevel, 'RAMSTACK_LOG_LEVEL') ?? 'info',
  };
}
