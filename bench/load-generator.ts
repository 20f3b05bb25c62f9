import { connect, type Socket } from 'node:net';

/**
 * An HTTP/1.1 load generator for the benchmarks: a fixed number of keep-alive connections, one
 * request in flight on each. Closed loop by default: a connection sends its next request as soon as
 * the previous response is complete, so the pass measures the most the server answers. With
 * `ratePerSecond` it is an open loop: requests are due on a fixed schedule spread over the
 * connections, and each latency is counted from when its request was due, not from when it went out,
 * so a server that falls behind shows its queueing delay (no "coordinated omission"). Every request is
 * serialized to bytes before the pass starts, so generating load costs only the socket writes and a
 * scan of each response's head. (autocannon rebuilds a request per send whenever requests differ —
 * and signed requests must, each nonce being accepted once — which capped it near 21,000 requests/s
 * on its core here, below what the servers under test reach.)
 */
export interface LoadOptions {
  host: string;
  port: number;
  connections: number;
  durationSeconds: number;
  /**
   * Complete requests, head and body, sent in turn across all connections; taken again from the
   * start once all were sent (a server that remembers nonces must get enough for the whole pass).
   */
  requests: readonly Buffer[];
  /** A connection silent this long is given up and counted as an error; default 10 s. */
  responseTimeoutMs?: number;
  /** Open loop: requests due at this total rate, evenly spread over the connections. */
  ratePerSecond?: number;
}

export interface LoadResult {
  /** Responses received in full. */
  completed: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Responses whose status was not 2xx. */
  non2xx: number;
  /** Connections that failed or that the server closed during the pass. */
  errors: number;
}

const HEAD_END = Buffer.from('\r\n\r\n');
const RESPONSE_TIMEOUT_MS = 10_000;
const CONTENT_LENGTH = /\r\ncontent-length:\s*(\d+)/i;

/** Serializes a request the way a client library would put it on the wire. */
export function serializeRequest(method: string, path: string, host: string, headers: Record<string, string>, body = ''): Buffer {
  const lines = [`${method} ${path} HTTP/1.1`, `host: ${host}`, 'connection: keep-alive'];
  for (const [name, value] of Object.entries(headers)) if (name.toLowerCase() !== 'host') lines.push(`${name}: ${value}`);
  if (body !== '' || method !== 'GET') lines.push(`content-length: ${Buffer.byteLength(body)}`);
  return Buffer.concat([Buffer.from(lines.join('\r\n') + '\r\n\r\n'), Buffer.from(body)]);
}

export async function generateLoad(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  let sent = 0;
  let non2xx = 0;
  let errors = 0;
  const deadline = performance.now() + options.durationSeconds * 1000;
  const started = performance.now();
  // Open loop: each connection is due every `interval` ms, the connections staggered evenly.
  const interval = options.ratePerSecond === undefined ? undefined : (1000 * options.connections) / options.ratePerSecond;
  let opened = 0;
  const offset = () => ((opened++ % options.connections) * interval!) / options.connections;

  const runConnection = (): Promise<void> =>
    new Promise((resolve) => {
      const socket: Socket = connect({ host: options.host, port: options.port, noDelay: true });
      let pending: Buffer = Buffer.alloc(0);
      // Open loop: when the request in flight was due.
      let dueAt = 0;
      // Where its latency starts: when it was due, or when it went out if a timer fired it early.
      let sentAt = 0;
      const send = () => {
        sentAt = interval === undefined ? performance.now() : Math.min(dueAt, performance.now());
        // Open loop, a server that falls behind still gets every request due before the deadline,
        // but the pass lasts at most twice its duration.
        if (sentAt >= deadline || performance.now() >= deadline + options.durationSeconds * 1000) return void socket.end();
        socket.write(options.requests[sent++ % options.requests.length]!);
      };
      const sendNext = interval === undefined
        ? send
        : () => {
            dueAt = dueAt === 0 ? started + offset() : dueAt + interval;
            const wait = dueAt - performance.now();
            if (wait > 0) setTimeout(send, wait);
            else send();
          };
      socket.on('connect', sendNext);
      socket.on('data', (chunk: Buffer) => {
        pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
        const headEnd = pending.indexOf(HEAD_END);
        if (headEnd < 0) return;
        const head = pending.toString('latin1', 0, headEnd);
        const length = Number(CONTENT_LENGTH.exec(head)?.[1] ?? 0);
        const total = headEnd + HEAD_END.length + length;
        if (pending.length < total) return;
        // One request in flight per connection: nothing follows the response.
        pending = Buffer.alloc(0);
        latencies.push(performance.now() - sentAt);
        if (head.charCodeAt(9) !== 50 /* '2' of "HTTP/1.1 2xx" */) non2xx++;
        sendNext();
      });
      // A failure is one error however it shows: an 'error' event, a close before the deadline, a
      // response that never comes (the pass must end even if the server hangs), or several of these.
      socket.setTimeout(options.responseTimeoutMs ?? RESPONSE_TIMEOUT_MS, () => socket.destroy(new Error('no response')));
      socket.on('close', (hadError) => {
        if (hadError || performance.now() < deadline) errors++;
        resolve();
      });
      socket.on('error', () => {});
    });

  await Promise.all(Array.from({ length: options.connections }, runConnection));
  const elapsedSeconds = (performance.now() - started) / 1000;
  const sorted = Float64Array.from(latencies).sort();
  const completed = sorted.length;
  const percentile = (p: number) => (completed === 0 ? 0 : sorted[Math.min(completed - 1, Math.floor((p / 100) * completed))]!);
  return { completed, requestsPerSecond: completed / elapsedSeconds, p50Ms: percentile(50), p99Ms: percentile(99), non2xx, errors };
}
