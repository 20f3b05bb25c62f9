import type { DestinationStream } from 'pino';
import { Authenticator } from './gateway/authenticate.js';
import { StoreAuditSink, retentionDaysFrom, startRetentionSweeper } from './audit/index.js';
import { PolicyAuthorizer } from './gateway/policy-authorizer.js';
import { loadPrincipalPolicies } from './services/ram/policy-loader.js';
import { CredentialRouter, LongTermKeyResolver } from './gateway/credentials.js';
import { Gateway } from './gateway/gateway.js';
import { LastUsedRecorder } from './gateway/last-used.js';
import { createNonceGuard } from './gateway/replay/index.js';
import { loadMasterKey } from './secrets/master-key.js';
import { hkdfSync } from 'node:crypto';
import { Sealer } from './secrets/sealer.js';
import { Catalogue } from './services/catalogue.js';
import { allActions } from './services/index.js';
import { RateLimiter, StsRuntime, TemporaryCredentialResolver, parseRateLimits, withRateLimits } from './services/sts/index.js';
import type { AppServices } from './services/app-services.js';
import type { ServeConfig } from './server/config.js';
import { buildHttpApp, listen } from './server/http.js';
import { consolePlugin } from './console/index.js';
import { createLogger, type Logger } from './server/logger.js';
import { Metrics } from './server/metrics.js';
import { loadTls } from './server/tls.js';
import { openStore } from './store/index.js';

export interface ServerOptions {
  clock?: () => number;
  logDestination?: DestinationStream;
  /** How long audit events are kept; default RAMSTACK_AUDIT_RETENTION_DAYS or 90. */
  auditRetentionDays?: number;
}

export interface RunningServer {
  httpUrl: string;
  httpsUrl: string;
  /** The local CA certificate to trust (NODE_EXTRA_CA_CERTS), or null with an operator certificate. */
  caFile: string | null;
  logger: Logger;
  /** Graceful stop: no new connections, in-flight requests finish, the store closes. */
  close(): Promise<void>;
}

/** The composition root: config → store → services → gateway → listeners. */
export async function startServer(config: ServeConfig, options: ServerOptions = {}): Promise<RunningServer> {
  const logger = createLogger(config.logLevel, options.logDestination);
  const clock = options.clock ?? Date.now;
  const masterKey = loadMasterKey(config.dataDir);
  const sealer = new Sealer(masterKey);
  const diagnosticKey = Buffer.from(hkdfSync('sha256', masterKey.key, Buffer.alloc(0), 'ramstack diagnostic messages', 32));
  const store = await openStore({ dataDir: config.dataDir, ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}), ...(config.databaseSchema ? { schema: config.databaseSchema } : {}), onError: (err) => logger.warn({ err }, 'store connection error (recovered)') });
  const lastUsed = new LastUsedRecorder(store, (err) => logger.error({ err }, 'AccessKey last-used times could not be written; retrying'));
  const longTermKeys = new LongTermKeyResolver(store, sealer, lastUsed);
  const stopListening = await longTermKeys.listen();
  const credentials = new CredentialRouter(longTermKeys);
  const sts = await StsRuntime.start(store, sealer, { clock, onError: (err) => logger.error({ err }, 'STS key ring or revocation refresh failed') });
  credentials.useTemporary(new TemporaryCredentialResolver(sts));
  const clockSkewMs = config.clockSkewSeconds * 1000;
  // A timestamp is accepted up to the skew on either side, so a nonce must be remembered for twice that.
  const nonces = await createNonceGuard(store, { windowMs: 2 * clockSkewMs, clock, onError: (err) => logger.error({ err }, 'nonce guard background work failed') });
  const authenticator = new Authenticator(credentials, { clockSkewMs, checkFreshness: true, nonces });
  const authorizer = new PolicyAuthorizer((holder) => loadPrincipalPolicies(store.db, holder), diagnosticKey);
  const stopPermissionFeed = await authorizer.listen(store);
  const metrics = new Metrics();
  const audit = new StoreAuditSink(store, (err) => logger.error({ err }, 'audit events could not be written; retrying'));
  const auditRetention = startRetentionSweeper(store, { retentionDays: options.auditRetentionDays ?? retentionDaysFrom(process.env), clock, onError: (err) => logger.error({ err }, 'audit retention sweep failed') });
  const catalogue = new Catalogue(withRateLimits(allActions, new RateLimiter(parseRateLimits(process.env.RAMSTACK_RATE_LIMITS))));
  const gateway = new Gateway({ catalogue, authenticator, authorizer, store, services: { sealer, diagnosticKey, sts } satisfies AppServices, logger, metrics, clock, audit });

  const webConsole = consolePlugin({ gateway, catalogue, credentials, store, sealer, masterKey, logger, clock });
  const app = await buildHttpApp({ gateway, store, metrics, plugins: [webConsole] });
  const tls = await loadTls(config.dataDir, config.host, config.tlsCert, config.tlsKey);
  const listeners = await listen(app, gateway, config.host, config.port, config.tlsPort, tls);
  logger.info({ http: listeners.httpUrl, https: listeners.httpsUrl, store: store.dialect }, 'ramstack listening');
  return {
    httpUrl: listeners.httpUrl,
    httpsUrl: listeners.httpsUrl,
    caFile: tls.caFile,
    logger,
    async close() {
      await listeners.close();
      await nonces.close();
      await lastUsed.close();
      await audit.close();
      await auditRetention.stop();
      await stopListening();
      await sts.close();
      await stopPermissionFeed();
      await store.close();
    },
  };
}
