import type { IncomingMessage, ServerResponse } from 'node:http';
import { apiError } from '../errors/catalogue.js';
import type { Gateway, GatewayAnswer } from '../gateway/gateway.js';

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/** What the API accepts; anything else at `/` goes to Fastify, which answers InvalidApi.NotFound. */
const RPC_METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE', 'PATCH']);

/** GET carries no body worth reading (Fastify ignored it too); the others may carry form or JSON. */
const BODYLESS_METHODS = new Set(['GET']);

const EMPTY = Buffer.alloc(0);

function isRpcRequest(req: IncomingMessage): boolean {
  const url = req.url ?? '';
  return (url === '/' || url.startsWith('/?')) && RPC_METHODS.has(req.method ?? '');
}

/**
 * Items queued during one turn of the event loop and run together in its check phase (setImmediate),
 * in the order they came.
 */
class CheckPhaseBatch<T> {
  private queued: T[] = [];

  constructor(private readonly run: (item: T) => void) {}

  add(item: T): void {
    if (this.queued.length === 0) setImmediate(this.drain);
    this.queued.push(item);
  }

  private readonly drain = (): void => {
    const items = this.queued;
    this.queued = [];
    for (const item of items) this.run(item);
  };
}

/**
 * The API endpoint at `/`, served straight from node:http in front of Fastify: every API call goes
 * through here, and Fastify's routing, hooks and reply machinery were work on every one of them
 * (docs/performance.md). Everything else (console, operator endpoints, unknown paths) is handed to
 * Fastify's own listener unchanged.
 *
 * Calls are not answered one by one as they arrive. The event loop's poll phase reads every socket
 * that is ready; the calls it received are then run together, and their answers written together,
 * each in a check phase. Answering each call at once put a socket write — a kernel entry that wakes
 * the client — between every two calls' work; grouping it about doubled the calls one core answers
 * under 64 connections (docs/performance.md). A call waits at most for the others read in the same
 * turn.
 */
export function withRpcEndpoint(gateway: Gateway, bodyLimit: number, fallback: RequestListener): RequestListener {
  const answers = new CheckPhaseBatch<[ServerResponse, GatewayAnswer]>(([res, answer]) => send(res, answer));
  const calls = new CheckPhaseBatch<[IncomingMessage, ServerResponse, Buffer]>(([req, res, body]) => answerWith(gateway, req, res, body, answers));
  return (req, res) => {
    if (!isRpcRequest(req)) return fallback(req, res);
    // Whatever body a GET has is read and dropped, so the connection stays usable. A declared empty
    // body (the SDKs' POSTs without parameters) needs no reading either.
    if (BODYLESS_METHODS.has(req.method!) || req.headers['content-length'] === '0') {
      req.resume();
      return calls.add([req, res, EMPTY]);
    }
    readBody(req, bodyLimit).then(
      (body) => (body === null ? refuseTooLarge(gateway, res) : calls.add([req, res, body])),
      () => req.destroy(),
    );
  };
}

/** Answers at once and closes the connection: the rest of an oversized body is never read. */
function refuseTooLarge(gateway: Gateway, res: ServerResponse): void {
  res.shouldKeepAlive = false;
  send(res, gateway.reject(apiError('RequestEntityTooLarge')));
}

function answerWith(gateway: Gateway, req: IncomingMessage, res: ServerResponse, body: Buffer, answers: CheckPhaseBatch<[ServerResponse, GatewayAnswer]>): void {
  const socket = req.socket;
  const address = socket.remoteAddress ?? '';
  gateway
    .handle({
      method: req.method!,
      url: req.url!,
      headers: req.headers,
      body,
      secure: 'encrypted' in socket && Boolean(socket.encrypted),
      sourceIp: address.startsWith('::ffff:') ? address.slice(7) : address,
    })
    .then(
      (answer) => answers.add([res, answer]),
      // Gateway.handle answers every failure itself; this only guards against a bug there.
      () => answers.add([res, gateway.reject(apiError('InternalError'))]),
    );
}

function send(res: ServerResponse, answer: GatewayAnswer): void {
  if (res.destroyed) return;
  res.writeHead(answer.status, {
    'content-type': answer.contentType,
    'content-length': Buffer.byteLength(answer.body),
    'x-acs-request-id': answer.requestId,
  });
  res.end(answer.body);
}

/** The whole body, or null as soon as it passes the limit (declared or received). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  if (Number(req.headers['content-length']) > limit) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off('data', onData);
      req.pause();
      resolve(null);
    };
    req.on('data', onData);
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
    req.on('error', reject);
  });
}
