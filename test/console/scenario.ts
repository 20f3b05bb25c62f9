import type { TestServer } from '../helpers/server.js';
import { ConsoleClient } from './console-client.js';

/** Console steps shared by the console tests: logons and the scenario's setup, done through the console API. */

export const ARMS = '2019-08-08';
export const REGION = 'cn-hangzhou';

/** Captures the server's log lines (the dev notifier writes verification codes there). */
export class LogCapture {
  readonly lines: string[] = [];
  write(line: string): void {
    this.lines.push(line);
  }
  /** The latest verification code sent to the owner of the account. */
  lastCode(accountId: string): string {
    for (const line of [...this.lines].reverse()) {
      const entry = JSON.parse(line) as { accountId?: string; kind?: string; body?: string };
      if (entry.kind === 'verification-code' && entry.accountId === accountId) return /\b(\d{6})\b/.exec(entry.body ?? '')![1]!;
    }
    throw new Error(`no verification code was sent to ${accountId}`);
  }
}

export async function rootLogon(server: TestServer, accountId: string, password: string): Promise<ConsoleClient> {
  const client = new ConsoleClient(server.httpUrl);
  const answer = await client.post('/logon/root', { identifier: accountId, password });
  if (answer.status !== 200) throw new Error(`root logon failed: ${JSON.stringify(answer.json)}`);
  return client;
}

/** CreateUser (with the owner's verification code), a login profile and the given system policies. */
export async function createConsoleUser(root: ConsoleClient, log: LogCapture, accountId: string, userName: string, password: string, policies: string[] = [], profile: Record<string, unknown> = {}): Promise<void> {
  await root.post('/verification-code');
  const created = await root.action('2015-05-01', 'CreateUser', { UserName: userName }, { 'x-verification-code': log.lastCode(accountId) });
  if (created.status !== 200) throw new Error(`CreateUser failed: ${JSON.stringify(created.json)}`);
  await root.ram('CreateLoginProfile', { UserName: userName, Password: password, ...profile });
  for (const policy of policies) await root.ram('AttachPolicyToUser', { PolicyType: 'System', PolicyName: policy, UserName: userName });
}

/** A's role trusting account B, with the given system policies. */
export async function createTrustingRole(root: ConsoleClient, roleName: string, trustedAccountId: string, policies: string[]): Promise<void> {
  const trust = { Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${trustedAccountId}:root`] } }] };
  const created = await root.ram('CreateRole', { RoleName: roleName, AssumeRolePolicyDocument: JSON.stringify(trust) });
  if (created.status !== 200) throw new Error(`CreateRole failed: ${JSON.stringify(created.json)}`);
  for (const policy of policies) await root.ram('AttachPolicyToRole', { PolicyType: 'System', PolicyName: policy, RoleName: roleName });
}
