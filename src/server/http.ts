import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import { apiError } from '../errors/catalogue.js';
import type { Gateway, GatewayAnswer } from '../gateway/gateway.js';
import type { Store } from '../store/store.js';
import type { Metrics } from './metrics.js';
import type { TlsMaterial } from './tls.js';
import { withRpcEndpoint } from './rpc-endpoint.js';

export interface Listeners {
  httpUrl: string;
  httpsUrl: string;
  /** Stops accepting, lets in-flight requests finish, then resolves. */
  close(): Promise<void>;
}

export interface HttpDeps {
  gateway: Gateway;
  store: Store;
  metrics: Metrics;
  /** Extra routes (the console) registered on the same app. */
  plugins?: Array<(app: FastifyInstance) => Promise<void> | void>;
}

const BODY_LIMIT = 1024 * 1024;

/**
 * Builds the Fastify app for operator endpoints and plugins (the console). The RPC endpoint at `/`
 * answers in front of it (rpc-endpoint.ts), on the HTTP listener made here and on the HTTPS one.
 */
export async function buildHttpApp(deps: HttpDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: false,
    bodyLimit: BODY_LIMIT,
    return503OnClosing: false,
    serverFactory: (fastifyListener) => createHttpServer(withRpcEndpoint(deps.gateway, BODY_LIMIT, fastifyListener)),
  });
  // Plugins get the exact bytes and parse them themselves, as the gateway does.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  // Whatever Fastify refuses before the gateway sees it still gets Alibaba's envelope.
  const send = (reply: FastifyReply, answer: GatewayAnswer) =>
    reply.code(answer.status).header('content-type', answer.contentType).header('x-acs-request-id', answer.requestId).send(answer.body);
  app.setNotFoundHandler((_request, reply) => send(reply, deps.gateway.reject(apiError('InvalidApi.NotFound'))));
  app.setErrorHandler((err: FastifyError, _request, reply) => {
    const status = err.statusCode ?? 500;
    const apiErr =
      status === 413 ? apiError('RequestEntityTooLarge') : status === 415 ? apiError('InvalidParameter.ContentType') : status < 500 ? apiError('InvalidParameter', 'request') : apiError('InternalError');
    return send(reply, deps.gateway.reject(apiErr));
  });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    const ready = await deps.store.isReady().catch(() => false);
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable', store: deps.store.dialect });
  });
  app.get('/metrics', async (_req, reply) => reply.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics()));

  for (const plugin of deps.plugins ?? []) await plugin(app);
  await app.ready();
  return app;
}

/** Serves one app on an HTTP and an HTTPS listener (some official SDKs hard-code https). */
export async function listen(app: FastifyInstance, gateway: Gateway, host: string, port: number, tlsPort: number, tls: TlsMaterial): Promise<Listeners> {
  await app.listen({ host, port });
  const https: HttpsServer = createHttpsServer({ key: tls.key, cert: tls.cert }, withRpcEndpoint(gateway, BODY_LIMIT, (req, res) => app.routing(req, res)));
  await new Promise<void>((resolve, reject) => {
    https.once('error', reject);
    https.listen(tlsPort, host, () => resolve());
  });
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const httpPort = (app.server.address() as AddressInfo).port;
  const httpsPort = (https.address() as AddressInfo).port;
  return {
    httpUrl: `http://${urlHost}:${httpPort}`,
    httpsUrl: `https://${urlHost}:${httpsPort}`,
    async close() {
      const httpsClosed = new Promise<void>((resolve) => https.close(() => resolve()));
      https.closeIdleConnections();
      await app.close();
      await httpsClosed;
    },
  };
}
