import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { bigSpec } from '../support/big-spec.ts';
import { refCycleSpec } from '../support/fixture-specs.ts';
import { oneLine, runCli } from '../support/run-cli.ts';

/** Bad input from an ordinary user: exit 2 (never 70) with one line naming the problem. */

const fixtures = resolve(import.meta.dirname, '../fixtures/specs');
const dir = mkdtempSync(join(tmpdir(), 'tollgate-bad-input-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

// Profiles are ES modules, as in a project whose package.json says so.
file('package.json', '{ "type": "module" }');
const small = file(
  'small.yaml',
  "openapi: 3.0.3\ninfo: { title: s, version: '1' }\npaths:\n  /a:\n    get:\n      responses:\n        '200': { description: ok }\n",
);
const cycle = file('cycle.yaml', refCycleSpec);
/** Eleven levels of ten aliases: 10^11 strings once expanded, 1 KB as written. */
const bomb = file(
  'bomb.yaml',
  [
    "openapi: 3.0.3\ninfo: { title: b, version: '1' }\nx-bomb:",
    '  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]',
    ...Array.from(
      { length: 11 },
      (_, i) => `  a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(', ')}]`,
    ),
    "paths:\n  /a:\n    get:\n      responses:\n        '200': { description: ok }\n",
  ].join('\n'),
);
const fewAliases = file(
  'aliases.yaml',
  "openapi: 3.0.3\ninfo: { title: a, version: '1' }\nx-shared: &ok { description: ok }\npaths:\n  /a:\n    get:\n      responses:\n        '200': *ok\n  /b:\n    get:\n      responses:\n        '200': *ok\n",
);
const big = file('big.json', JSON.stringify(bigSpec(2000)));

let server: Server;
let baseURL = '';
let hits = 0;
beforeAll(async () => {
  server = createServer((_req, res) => {
    hits++;
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

describe('bad specs: exit 2 with one line', () => {
  test('a pure $ref cycle (A -> B -> A) is refused with the chain', async () => {
    const result = await runCli(['inspect', '--spec', cycle]);
    assert.equal(result.code, 2, result.stderr);
    const line = oneLine(result);
    assert.match(
      line,
      /^TG_SPEC_REF: .*cycle\.yaml#\/paths\/~1a\/get\/responses\/200\/content\/application~1json\/schema \(line 9\)/,
    );
    assert.match(line, /#\/components\/schemas\/A -> #\/components\/schemas\/B -> #\/components\/schemas\/A/);
  });

  test('a schema that refers to itself inside (a tree) is no cycle', async () => {
    const result = await runCli(['inspect', '--spec', join(fixtures, 'circular/self.yaml')]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /1 operations/);
  });

  test('a YAML alias bomb is refused without expanding it', async () => {
    const result = await runCli(['inspect', '--spec', bomb]);
    assert.equal(result.code, 2, result.stderr);
    assert.match(oneLine(result), /^TG_SPEC_SYNTAX: .*bomb\.yaml: more than 10000 YAML alias expansions/);
  });

  test('a spec with a few ordinary aliases loads', async () => {
    const result = await runCli(['inspect', '--spec', fewAliases]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /2 operations/);
  });
});

describe('TypeScript errors in user modules are shown whole', () => {
  test('a config with a syntax error names its file, line, column and message', async () => {
    const project = mkdtempSync(join(dir, 'config-'));
    writeFileSync(
      join(project, 'tollgate.config.ts'),
      "export default {\n  specs: { a: 'a.yaml' },\n  environments: { local: { baseURL: 'http://127.0.0.1:1',, } },\n};\n",
    );
    const result = await runCli(['inspect'], { cwd: project });
    assert.equal(result.code, 2, result.stderr);
    assert.match(
      oneLine(result),
      /^TG_CONFIG_INVALID: .*tollgate\.config\.ts failed to load: .*tollgate\.config\.ts:3:\d+: Expected identifier but found ","/,
    );
  });

  test('a profile with a syntax error names its file, line, column and message', async () => {
    const profile = file(
      'syntax.ts',
      "export default {\n  model: 'open',\n  rate: 5 +,\n  requests: [] };\n",
    );
    const result = await runCli(['load', profile, '--spec', small, '--base-url', baseURL]);
    assert.equal(result.code, 2, result.stderr);
    assert.match(
      oneLine(result),
      /^TG_PROFILE_INVALID: .*syntax\.ts failed to load: .*syntax\.ts:3:11: Unexpected ","/,
    );
  });
});

describe('rates past what a load generator can do are refused with the limit', () => {
  const openProfile = (rate: string) =>
    `export default { model: 'open', rate: ${rate}, duration: '1s', requests: [{ path: '/a', method: 'get' }] };\n`;

  test('profile rate 1e9', async () => {
    const before = hits;
    const result = await runCli([
      'load',
      file('huge.ts', openProfile('1e9')),
      '--spec',
      small,
      '--base-url',
      baseURL,
    ]);
    assert.equal(result.code, 2, result.stderr);
    assert.match(
      oneLine(result),
      /^TG_PROFILE_INVALID: .*huge\.ts: rate must be at most 100000 \(tollgate's limit\), got 1000000000/,
    );
    assert.ok(hits - before <= 1, `only the reachability probe may be sent, got ${hits - before} requests`);
  });

  test('--rate=1e8', async () => {
    const result = await runCli([
      'load',
      file('ok.ts', openProfile('5')),
      '--spec',
      small,
      '--base-url',
      baseURL,
      '--rate=1e8',
    ]);
    assert.equal(result.code, 2, result.stderr);
    assert.match(oneLine(result), /^TG_USAGE: --rate must be at most 100000, got "1e8"/);
  });

  test('a stage rate within the limit is accepted (validation only)', async () => {
    const { validateProfile } = await import('../../src/load/profile/validate-profile.ts');
    assert.doesNotThrow(() =>
      validateProfile(
        { model: 'open', rate: 100_000, duration: '1s', requests: [{ path: '/a', method: 'get' }] },
        'p.ts',
      ),
    );
  });
});

describe('an output folder that cannot be written is refused before the run', () => {
  test('--run-dir naming a file', async () => {
    const target = file('run-dir-file', 'not a folder');
    const before = hits;
    const result = await runCli(['contract', '--spec', small, '--base-url', baseURL, '--run-dir', target]);
    assert.equal(result.code, 2, result.stderr);
    assert.match(oneLine(result), /^TG_OUTPUT_DIR: --run-dir .*run-dir-file is a file, not a folder/);
    assert.ok(hits - before <= 1, `only the reachability probe may be sent, got ${hits - before} requests`);
  });

  test('the reports folder being a file', async () => {
    const project = mkdtempSync(join(dir, 'reports-'));
    writeFileSync(join(project, 'reports'), 'a file where the folder should be');
    const before = hits;
    const result = await runCli(['contract', '--spec', small, '--base-url', baseURL], { cwd: project });
    assert.equal(result.code, 2, result.stderr);
    assert.match(oneLine(result), /^TG_OUTPUT_DIR: reports folder .*reports is a file, not a folder/);
    assert.ok(hits - before <= 1, `only the reachability probe may be sent, got ${hits - before} requests`);
  });

  test('--run-dir under a file', async () => {
    const parent = file('a-file', 'x');
    const result = await runCli([
      'contract',
      '--spec',
      small,
      '--base-url',
      baseURL,
      '--run-dir',
      join(parent, 'run'),
    ]);
    assert.equal(result.code, 2, result.stderr);
    assert.match(
      oneLine(result),
      /^TG_OUTPUT_DIR: --run-dir .*a-file\/run is under .*a-file, which is a file/,
    );
  });
});

describe('output and network errors', () => {
  test('`tollgate inspect | head -1` exits 0 quietly on EPIPE', async () => {
    const result = await runCli(['inspect', '--spec', big], { pipeTo: 'head -1' });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, '');
  });

  test('an unreachable target names the network reason, never the JavaScript error class', async () => {
    const closed = createServer();
    await new Promise<void>((ready) => closed.listen(0, '127.0.0.1', ready));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((done) => closed.close(() => done()));
    const result = await runCli(['contract', '--spec', small, '--base-url', `http://127.0.0.1:${port}`]);
    assert.equal(result.code, 3, result.stderr);
    assert.match(oneLine(result), /^TG_UNREACHABLE: cannot reach http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
  });

  test('a port fetch refuses names the reason ("bad port"), not "(TypeError)"', async () => {
    const result = await runCli(['contract', '--spec', small, '--base-url', 'http://127.0.0.1:1']);
    assert.equal(result.code, 3, result.stderr);
    assert.match(oneLine(result), /^TG_UNREACHABLE: cannot reach http:\/\/127\.0\.0\.1:1 \(bad port\)/);
  });
});
