import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { apiError } from '../errors/catalogue.js';
import type { Gateway, GatewayAnswer } from '../gateway/gateway.js';
import type { HttpRequestParts } from '../gateway/rpc-request.js';
import type { Store } from '../store/store.js';
import type { Metrics } from './metrics.js';
import type { TlsMaterial } from './tls.js';

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

function sourceIp(request: FastifyRequest): string {
  const address = request.raw.socket.remoteAddress ?? '';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

/** Builds the Fastify app: the RPC endpoint at `/`, operator endpoints, and any plugins (the console). */
export async function buildHttpApp(deps: HttpDeps): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, bodyLimit: BODY_LIMIT, return503OnClosing: false });
  // The gateway needs the exact bytes: V3 signs a hash of the body, V1 signs decoded form fields.
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

  app.route({
    method: ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'],
    url: '/',
    handler: async (request, reply) => {
      const parts: HttpRequestParts = {
        method: request.method,
        url: request.url,
        headers: request.headers,
        body: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
        secure: 'encrypted' in request.raw.socket && Boolean(request.raw.socket.encrypted),
        sourceIp: sourceIp(request),
      };
      return send(reply, await deps.gateway.handle(parts));
    },
  });
  for (const plugin of deps.plugins ?? []) await plugin(app);
  await app.ready();
  return app;
}

/** Serves one app on an HTTP and an HTTPS listener (some official SDKs hard-code https). */
export async function listen(app: FastifyInstance, host: string, port: number, tlsPort: number, tls: TlsMaterial): Promise<Listeners> {
  await app.listen({ host, port });
  const https: HttpsServer = createHttpsServer({ key: tls.key, cert: tls.cert }, (req, res) => app.routing(req, res));
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
