import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ActionDef } from '../src/services/action.js';
import { PRODUCTS } from '../src/services/catalogue.js';
import { allActions } from '../src/services/index.js';

/**
 * docs/api-coverage.md, generated from the action catalogue so the docs never drift from what the
 * server serves. `npx tsx scripts/api-coverage.ts` rewrites it; a test fails when it is stale.
 */
export const COVERAGE_FILE = fileURLToPath(new URL('../docs/api-coverage.md', import.meta.url));

export function renderApiCoverage(actions: ReadonlyArray<ActionDef<any>>): string {
  const lines = [
    '# API coverage',
    '',
    'Generated from the action catalogue (`src/services`) by `npx tsx scripts/api-coverage.ts`; do not edit by hand.',
    '',
  ];
  const versions = Object.keys(PRODUCTS).filter((v) => actions.some((a) => a.version === v));
  for (const version of versions) {
    const product = PRODUCTS[version]!;
    const own = actions.filter((a) => a.version === version).sort((a, b) => a.name.localeCompare(b.name));
    lines.push(`## ${product.product} ${version} (${own.length} actions)`, '');
    lines.push('| Action | RAM action | Access | Authorization | Parameters (* required) |', '|---|---|---|---|---|');
    for (const a of own) {
      const params = Object.entries(a.params).map(([name, spec]) => `${name}${spec.required ? '*' : ''}`).join(', ');
      lines.push(`| ${a.name} | \`${a.ramAction}\` | ${a.access} | ${a.authorization} | ${params || '–'} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(COVERAGE_FILE, renderApiCoverage(allActions));
}
