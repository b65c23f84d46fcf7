import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'vitest';
import { checkNames } from '../../src/checks/registry.ts';
import { commands } from '../../src/cli/commands/index.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { resolveEnvironment } from '../../src/config/resolve-config.ts';

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

/** The fenced blocks of one README section, by language. */
function sectionBlocks(heading: string, lang: string): string[] {
  const start = readme.indexOf(`\n${heading}\n`);
  assert.ok(start >= 0, `README has "${heading}"`);
  const end = readme.indexOf('\n## ', start + heading.length + 2);
  const section = readme.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``, 'g'))].map((m) => m[1]);
}

test("the canary recipe's compare commands use only compare's flags", async () => {
  const section = readme.slice(readme.indexOf('\n## Canary releases with tollgate compare\n'));
  const lines = [
    ...sectionBlocks('## Canary releases with tollgate compare', 'sh').flatMap((b) => b.split('\n')),
    ...[...section.slice(0, section.indexOf('\n## ', 5)).matchAll(/`(tollgate compare [^`]+)`/g)].map(
      (m) => m[1],
    ),
  ].filter((l) => l.trim().startsWith('tollgate compare'));
  assert.ok(lines.length >= 2, `compare commands in the recipe: ${lines.length}`);
  const known = new Set([...Object.keys((await commands.compare()).options), 'help', 'json']);
  const flags = lines.flatMap((l) => [...l.replaceAll('\n', ' ').matchAll(/--([a-z-]+)/g)].map((m) => m[1]));
  assert.deepEqual(
    flags.filter((f) => !known.has(f)),
    [],
  );
});

test("the canary recipe's config loads, and its environment names both sides", async () => {
  const [config] = sectionBlocks('## Canary releases with tollgate compare', 'ts');
  assert.match(config, /from 'tollgate'/);
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-readme-canary-'));
  try {
    const index = new URL('../../src/public/index.ts', import.meta.url).pathname;
    writeFileSync(join(dir, 'tollgate.config.ts'), config.replace("from 'tollgate'", `from '${index}'`));
    const loaded = await loadConfig(dir);
    assert.ok(loaded, 'the config was found');
    const staging = resolveEnvironment(loaded, 'staging', { STAGING_TOKEN: 'token' });
    assert.match(staging.baseline?.baseURL ?? '', /^http:\/\/albums-stable\./);
    assert.match(staging.candidate?.baseURL ?? '', /^http:\/\/albums-canary\./);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
