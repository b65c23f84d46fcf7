import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { checkNames } from '../../src/checks/registry.ts';
import { commands } from '../../src/cli/commands/index.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

test('the README documents every registered check', () => {
  const missing = checkNames.filter((name) => !readme.includes(`| \`${name}\` |`));
  assert.deepEqual(missing, []);
});

test('the README lists every CLI command', () => {
  const missing = Object.keys(commands).filter((name) => !readme.includes(`\`tollgate ${name}`));
  assert.deepEqual(missing, []);
});

test('the README quick start is the two commands', () => {
  assert.match(readme, /npm run demo/);
  assert.match(readme, /npm test/);
});
