import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { allActions } from '../../src/services/index.js';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

it('ActionTrail declares no action that writes: no API edits or deletes events', () => {
  const writes = allActions.filter((action) => action.product === 'Actiontrail' && action.access !== 'read').map((action) => action.name);
  expect(writes).toEqual([]);
});

it('only the audit sink and the store schema name the audit tables: no action handler can reach them', () => {
  const naming = sourceFiles(SRC)
    .filter((file) => /audit_events|audit_event_batches/.test(readFileSync(file, 'utf8')))
    .map((file) => relative(SRC, file).split('\\').join('/'))
    .filter((file) => !file.startsWith('audit/') && !file.startsWith('store/'));
  expect(naming).toEqual([]);
});
