import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'vitest';
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

test('the README and package.json agree on the Node version, and go.mod on Go', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  const engines = /^>=(\d+(?:\.\d+)*)$/.exec(pkg.engines.node);
  assert.ok(engines, `package.json engines.node: ${pkg.engines.node}`);
  assert.match(
    readme,
    new RegExp(`Node\\.js ${engines[1].replaceAll('.', '\\.')}\\+`),
    'README Node version',
  );
  assert.doesNotMatch(readme, /Node\.js \d+\+/, 'README names one Node version, package.json’s');
  const goMod = readFileSync(new URL('../../examples/albums-api/go.mod', import.meta.url), 'utf8');
  const go = /^go (\d+\.\d+)/m.exec(goMod)?.[1];
  assert.match(readme, new RegExp(`Go ${go?.replace('.', '\\.')}\\+`), 'README Go version');
});

test('every file the README lists in a run folder is one tollgate writes', () => {
  const results = readme.slice(readme.indexOf('## Results'), readme.indexOf('## Safety'));
  const listed = [...results.matchAll(/^\| `([\w.-]+\.(?:json|html|xml|md))` \|/gm)].map((m) => m[1]);
  assert.ok(listed.length >= 5, `files listed: ${listed}`);
  const sources = execFileSync('grep', ['-rhoE', "'[a-z-]+\\.(json|html|xml|md)'", 'src'], {
    cwd: new URL('../..', import.meta.url),
    encoding: 'utf8',
  });
  const written = new Set(sources.split('\n').map((l) => l.replaceAll("'", '')));
  assert.deepEqual(
    listed.filter((name) => !written.has(name)),
    [],
    'the README lists files no code in src/ names',
  );
});
