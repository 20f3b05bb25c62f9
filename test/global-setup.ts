import pg from 'pg';
import type { TestProject } from 'vitest/node';

/**
 * Decides once per run whether the PostgreSQL tests run. With RAMSTACK_TEST_PG=required (CI) an
 * unreachable PostgreSQL fails the run; otherwise its tests are skipped with a loud message.
 */
export const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/test';

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const url = process.env.RAMSTACK_TEST_PG_URL ?? DEFAULT_PG_URL;
  const ok = await reachable(url);
  if (!ok && process.env.RAMSTACK_TEST_PG === 'required') {
    throw new Error(`RAMSTACK_TEST_PG=required but PostgreSQL is not reachable at ${url}`);
  }
  if (!ok) {
    console.warn(`\n!!! PostgreSQL is not reachable at ${url}: the PostgreSQL tests are SKIPPED. Set RAMSTACK_TEST_PG=required to fail instead.\n`);
  }
  project.provide('pgUrl', ok ? url : '');
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
  }
}
