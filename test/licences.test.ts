import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every installed package, dev dependencies included, carries a permissive licence: no GPL, AGPL,
 * SSPL or unlicensed code enters the project through a dependency.
 */
const ROOT = join(import.meta.dirname, '..');
const PERMISSIVE = /^(MIT|ISC|Apache-2\.0|Apache License 2\.0|BSD-2-Clause|BSD-3-Clause|0BSD|BlueOak-1\.0\.0|CC-BY-4\.0|CC0-1\.0|Zlib|Unlicense|Python-2\.0|WTFPL)$/;
/** Packages whose package.json names no licence, with the licence their LICENSE file grants. */
const READ_FROM_LICENSE_FILE: Record<string, string> = { 'node_modules/thirty-two': 'MIT' };

function licenceOf(path: string, declared: unknown): string {
  if (typeof declared === 'string') return declared;
  if (READ_FROM_LICENSE_FILE[path]) return READ_FROM_LICENSE_FILE[path]!;
  const manifest = join(ROOT, path, 'package.json');
  const fromManifest = existsSync(manifest) ? (JSON.parse(readFileSync(manifest, 'utf8')) as { license?: unknown }).license : undefined;
  return typeof fromManifest === 'string' ? fromManifest : 'UNKNOWN';
}

function permissive(expression: string): boolean {
  // "(MIT OR Apache-2.0)" needs one permissive choice; "(MIT AND Zlib)" needs all.
  const inner = expression.replace(/^\((.*)\)$/, '$1');
  if (inner.includes(' OR ')) return inner.split(' OR ').some((l) => PERMISSIVE.test(l.trim()));
  return inner.split(' AND ').every((l) => PERMISSIVE.test(l.trim()));
}

describe('dependency licences', () => {
  it('are all permissive (MIT, ISC, Apache-2.0, BSD and the like)', () => {
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { license?: unknown }> };
    const offending = Object.entries(lock.packages)
      .filter(([path]) => path !== '')
      .map(([path, info]) => [path, licenceOf(path, info.license)] as const)
      .filter(([, licence]) => !permissive(licence));
    expect(offending).toEqual([]);
  });
});
