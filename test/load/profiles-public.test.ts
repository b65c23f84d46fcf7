import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'vitest';

/**
 * The profiles in load/ are what users copy: they import from `tollgate`, the
 * public entry, as the README says, never from this repo's src/ (issue 14).
 */
const dir = join(import.meta.dirname, '../../load');
const profiles = readdirSync(dir).filter((f) => f.endsWith('.ts'));

test('every profile in load/ imports tollgate from its public entry, not src/', () => {
  assert.ok(profiles.length >= 3, `profiles: ${profiles}`);
  for (const file of profiles) {
    const text = readFileSync(join(dir, file), 'utf8');
    const sources = [...text.matchAll(/^import [^;]*? from '([^']+)'/gm)].map((m) => m[1]);
    assert.ok(sources.includes('tollgate'), `${file} does not import from 'tollgate': ${sources}`);
    assert.deepEqual(
      sources.filter((s) => s.includes('/src/') || s.startsWith('../src')),
      [],
      `${file} imports the repo's src/`,
    );
  }
});

test('the profiles load through the package name, as in a user project', async () => {
  for (const file of profiles) {
    const mod = await import(join(dir, file));
    assert.ok(Array.isArray(mod.default?.stages), `${file}: default export is not a profile`);
  }
});
