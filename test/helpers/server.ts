import { rmSync } from 'node:fs';
import { startServer, type RunningServer } from '../../src/server.js';
import { resolveServeConfig } from '../../src/server/config.js';
import { createAccount, type NewAccount } from '../../src/services/accounts/accounts.js';
import { loadMasterKey } from '../../src/secrets/master-key.js';
import { Sealer } from '../../src/secrets/sealer.js';
import { openStore } from '../../src/store/index.js';
import { dropSchema, newSchemaName, pgUrl, tempDir } from './stores.js';

export interface TestServer {
  server: RunningServer;
  /** `127.0.0.1:<port>` for Tea clients (endpoint without scheme). */
  endpoint: string;
  tlsEndpoint: string;
  httpUrl: string;
  httpsUrl: string;
  dataDir: string;
  databaseUrl?: string;
  schema?: string;
  /** Creates an account in the server's store, as `ramstack account create` does. */
  createAccount(alias?: string): Promise<NewAccount>;
  stop(): Promise<void>;
}

export interface TestServerOptions {
  store?: 'sqlite' | 'postgres';
  clock?: () => number;
  /** Reuse a data directory / schema (restart tests, second node). */
  dataDir?: string;
  schema?: string;
  keepData?: boolean;
  /** Receives the server's JSON log lines (default: silent). */
  logDestination?: { write(line: string): void };
}

/** Starts a real ramstack server in this process on free ports, with its own data directory (and PostgreSQL schema). */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? tempDir();
  const postgres = options.store === 'postgres';
  const schema = postgres ? (options.schema ?? newSchemaName()) : undefined;
  const databaseUrl = postgres ? pgUrl() : undefined;
  if (postgres && !databaseUrl) throw new Error('PostgreSQL is not available for this test run');
  const config = resolveServeConfig(
    { port: '0', tlsPort: '0', data: dataDir, logLevel: options.logDestination ? 'debug' : 'silent', ...(databaseUrl ? { databaseUrl } : {}), ...(schema ? { databaseSchema: schema } : {}) },
    {},
  );
  const server = await startServer(config, { ...(options.clock ? { clock: options.clock } : {}), ...(options.logDestination ? { logDestination: options.logDestination } : {}) });
  const hostPort = (url: string) => url.replace(/^https?:\/\//, '');
  return {
    server,
    endpoint: hostPort(server.httpUrl),
    tlsEndpoint: hostPort(server.httpsUrl),
    httpUrl: server.httpUrl,
    httpsUrl: server.httpsUrl,
    dataDir,
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(schema ? { schema } : {}),
    async createAccount(alias?: string) {
      const store = await openStore({ dataDir, ...(databaseUrl ? { databaseUrl } : {}), ...(schema ? { schema } : {}) });
      try {
        return await createAccount(store, new Sealer(loadMasterKey(dataDir)), alias ? { alias } : {});
      } finally {
        await store.close();
      }
    },
    async stop() {
      await server.close();
      if (options.keepData) return;
      if (schema && databaseUrl && !options.schema) await dropSchema(databaseUrl, schema);
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A unique alias per test, within the 3–32 character rule. */
export function uniqueAlias(prefix: string): string {
  return `${prefix}-${Math.random().toString(36).slice(2, 8)}`;
}
