import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { generateLoad, serializeRequest } from '../../bench/load-generator.js';

/** The benchmarks' load generator: its counts are what docs/performance.md reports. */
describe('bench load generator', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  async function serve(handler: Parameters<typeof createServer>[1]): Promise<number> {
    server = createServer(handler!);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  }

  it('sends each request as serialized, headers and body included', async () => {
    const seen: string[] = [];
    const port = await serve((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        seen.push(`${req.method} ${req.url} ${req.headers['x-acs-action']} ${body}`);
        res.end('{}');
      });
    });
    const requests = [serializeRequest('POST', '/?a=1', `127.0.0.1:${port}`, { 'x-acs-action': 'GetCallerIdentity' }, 'k=v')];
    await generateLoad({ host: '127.0.0.1', port, connections: 1, durationSeconds: 0.2, requests });
    expect(seen[0]).toBe('POST /?a=1 GetCallerIdentity k=v');
  });

  it('counts every completed response and the ones that were not 2xx', async () => {
    let answered = 0;
    const port = await serve((_req, res) => {
      res.statusCode = ++answered % 2 === 0 ? 400 : 200;
      res.end('{"Code":"x"}');
    });
    const requests = [serializeRequest('GET', '/', `127.0.0.1:${port}`, {})];
    const result = await generateLoad({ host: '127.0.0.1', port, connections: 4, durationSeconds: 0.3, requests });
    expect(answered).toBeGreaterThan(10);
    expect(result.completed).toBe(answered);
    expect(result.non2xx).toBe(Math.floor(answered / 2));
    expect(result.errors).toBe(0);
  });

  it('ends the pass, counting an error per connection, when the server never answers', async () => {
    const port = await serve(() => undefined);
    const requests = [serializeRequest('GET', '/', `127.0.0.1:${port}`, {})];
    const result = await generateLoad({ host: '127.0.0.1', port, connections: 2, durationSeconds: 0.2, requests, responseTimeoutMs: 300 });
    expect(result.errors).toBe(2);
    expect(result.completed).toBe(0);
  });

  it('counts a connection the server drops as an error', async () => {
    const port = await serve((req) => req.socket.destroy());
    const requests = [serializeRequest('GET', '/', `127.0.0.1:${port}`, {})];
    const result = await generateLoad({ host: '127.0.0.1', port, connections: 3, durationSeconds: 0.5, requests });
    expect(result.errors).toBe(3);
    expect(result.completed).toBe(0);
  });

  it('open loop: sends at the requested rate, not as fast as the server answers', async () => {
    const port = await serve((_req, res) => res.end('{}'));
    const requests = [serializeRequest('GET', '/', `127.0.0.1:${port}`, {})];
    const result = await generateLoad({ host: '127.0.0.1', port, connections: 4, durationSeconds: 1, requests, ratePerSecond: 200 });
    expect(result.completed).toBeGreaterThanOrEqual(180);
    expect(result.completed).toBeLessThanOrEqual(204);
  });

  it('open loop: counts each latency from when the request was due, so a server that falls behind shows its backlog', async () => {
    // 20 ms per response on each of 2 connections: at most 100 responses/s, against 200 due.
    const port = await serve((_req, res) => void setTimeout(() => res.end('{}'), 20));
    const requests = [serializeRequest('GET', '/', `127.0.0.1:${port}`, {})];
    const closed = await generateLoad({ host: '127.0.0.1', port, connections: 2, durationSeconds: 1, requests });
    const open = await generateLoad({ host: '127.0.0.1', port, connections: 2, durationSeconds: 1, requests, ratePerSecond: 200 });
    // Closed loop, every response takes about 20 ms. Open loop, the backlog grows all pass long:
    // the last requests were due about half a second before they could go out.
    expect(closed.p99Ms).toBeLessThan(100);
    expect(open.p99Ms).toBeGreaterThan(300);
  });
});
