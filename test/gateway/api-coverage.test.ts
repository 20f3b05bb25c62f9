import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COVERAGE_FILE, renderApiCoverage } from '../../scripts/api-coverage.js';
import { allActions } from '../../src/services/index.js';
import { Catalogue } from '../../src/services/catalogue.js';

describe('the action catalogue', () => {
  it('declares each action once per version', () => {
    expect(() => new Catalogue(allActions)).not.toThrow();
  });

  it('is what docs/api-coverage.md lists (run `npx tsx scripts/api-coverage.ts` after adding an action)', () => {
    expect(readFileSync(COVERAGE_FILE, 'utf8')).toBe(renderApiCoverage(allActions));
  });
});
