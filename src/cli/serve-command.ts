import type { Command } from 'commander';
import { resolveServeConfig, type ServeFlags } from '../server/config.js';
import { startServer } from '../server.js';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('run the RAM/STS service (HTTP and HTTPS listeners)')
    .option('--host <host>', 'listen address (env RAMSTACK_HOST, default 127.0.0.1)')
    .option('--port <port>', 'HTTP port (env RAMSTACK_PORT, default 8640)')
    .option('--tls-port <port>', 'HTTPS port (env RAMSTACK_TLS_PORT, default 8643)')
    .option('--data <dir>', 'data directory (env RAMSTACK_DATA_DIR, default ./.ramstack)')
    .option('--database-url <url>', 'PostgreSQL URL; default is the embedded SQLite store (env RAMSTACK_DATABASE_URL)')
    .option('--database-schema <name>', 'PostgreSQL schema (env RAMSTACK_DATABASE_SCHEMA)')
    .option('--tls-cert <file>', 'TLS certificate (PEM); default: a local CA under <data>/tls')
    .option('--tls-key <file>', 'TLS private key (PEM)')
    .option('--clock-skew <seconds>', 'accepted request timestamp skew (env RAMSTACK_CLOCK_SKEW_SECONDS, default 900)')
    .option('--log-level <level>', 'pino log level (env RAMSTACK_LOG_LEVEL, default info)')
    .action(async (flags: ServeFlags) => {
      const config = resolveServeConfig(flags);
      const server = await startServer(config);
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        server.logger.info({ signal }, 'shutting down');
        server.close().then(
          () => server.logger.flush(() => process.exit(0)),
          (err: unknown) => {
            server.logger.error({ err }, 'shutdown failed');
            process.exit(1);
          },
        );
      };
      process.on('SIGTERM', () => stop('SIGTERM'));
      process.on('SIGINT', () => stop('SIGINT'));
      // Announced only once the signal handlers are in place: whoever waits for this line may stop us at once.
      if (server.caFile) {
        process.stderr.write(`ramstack: HTTPS uses a local CA. Node clients: export NODE_EXTRA_CA_CERTS=${server.caFile}\n`);
      }
      process.stderr.write(`ramstack: serving ${server.httpUrl} and ${server.httpsUrl}\n`);
    });
}
