import { rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, spawnServe, type ServeProcess } from '../helpers/cli.js';
import { signedV3Request } from '../helpers/signer.js';
import { tempDir } from '../helpers/stores.js';

/**
 * The API endpoint runs the calls read in one turn of the event loop together and writes their answers
 * together (src/server/rpc-endpoint.ts). Whatever the grouping, each answer must reach the request it
 * answers: a mix-up would hand one caller another caller's identity. The server runs in its own process,
 * so calls written at the same moment reach it in the same turn, as a real client's do.
 */
interface Account {
  accountId: string;
  accessKeyId: string;
  accessKeySecret: string;
}

let dataDir: string;
let serve: ServeProcess;
let accounts: Account[];

beforeAll(async () => {
  dataDir = tempDir();
  serve = await spawnServe(['--port', '0', '--tls-port', '0', '--data', dataDir]);
  const created = async () => JSON.parse((await runCli(['account', 'create', '--json', '--data', dataDir])).stdout) as Account;
  accounts = [await created(), await created()];
});
afterAll(() => {
  serve.child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

const host = () => serve.httpUrl.replace('http://', '');
const callerIdentity = (account: Account) =>
  signedV3Request({ accessKeyId: account.accessKeyId, accessKeySecret: account.accessKeySecret, host: host(), action: 'GetCallerIdentity', version: '2015-04-01' });

/** A signed GetCallerIdentity as it goes on the wire. */
function wireCall(account: Account): string {
  const signed = callerIdentity(account);
  const headers = Object.entries(signed.headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  return `${signed.method} ${signed.path} HTTP/1.1\r\n${headers}content-length: 0\r\n\r\n`;
}

/** An open connection to the HTTP listener and what it has received so far. */
async function connection(): Promise<{ socket: Socket; received: () => string }> {
  let text = '';
  const socket = await new Promise<Socket>((resolve, reject) => {
    const s = connect(Number(new URL(serve.httpUrl).port), '127.0.0.1', () => resolve(s));
    s.on('error', reject);
  });
  socket.on('data', (chunk) => (text += chunk.toString('utf8')));
  return { socket, received: () => text };
}

const accountIdsIn = (text: string) => [...text.matchAll(/"AccountId":"(\d+)"/g)].map((m) => m[1]);

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('grouped calls at /', () => {
  it('answers each of many calls sent at the same moment from two accounts, on as many connections, with its own caller', async () => {
    const callers = Array.from({ length: 40 }, (_, i) => accounts[i % 2]!);
    const connections = await Promise.all(callers.map(() => connection()));
    // Written in one go, so the server reads them in the same turn of its event loop and groups them.
    connections.forEach((c, i) => c.socket.write(wireCall(callers[i]!)));
    await until(() => connections.every((c) => accountIdsIn(c.received()).length === 1));
    connections.forEach((c) => c.socket.destroy());
    expect(connections.map((c) => accountIdsIn(c.received())[0])).toEqual(callers.map((c) => c.accountId));
    const requestIds = connections.map((c) => /"RequestId":"([^"]+)"/.exec(c.received())![1]);
    expect(connections.map((c) => /x-acs-request-id: (\S+)/i.exec(c.received())![1])).toEqual(requestIds);
  });

  it('answers calls pipelined on one connection in the order they were sent', async () => {
    const order = [accounts[0]!, accounts[1]!, accounts[1]!, accounts[0]!];
    const c = await connection();
    c.socket.write(order.map(wireCall).join(''));
    await until(() => accountIdsIn(c.received()).length === order.length);
    c.socket.destroy();
    expect(accountIdsIn(c.received())).toEqual(order.map((a) => a.accountId));
  });
});
