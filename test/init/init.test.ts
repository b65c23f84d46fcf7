import assert from 'node:assert/strict';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { freePort } from '../support/nginx.ts';
import { oneLine, runCli } from '../support/run-cli.ts';

// Issue 14 §3.3: `tollgate init` in a Gin repository nobody set up for
// tollgate. The project is a copy of examples/ with none of our files; what
// init writes must run green as written: `gate --env local` starts the API
// with `go run`, checks the contract, runs the suite and the smoke load.
const root = resolve(import.meta.dirname, '../..');
const scratch = mkdtempSync(join(tmpdir(), 'tollgate-init-'));

/** A copy of a reference API's sources (no binary), with tollgate and Playwright installed as a user would have them. */
function ginProject(example: string, packageJson?: object): string {
  const dir = join(scratch, example);
  cpSync(join(root, 'examples', example), dir, {
    recursive: true,
    filter: (src) => !src.includes(`${example}/bin`) && !src.includes('node_modules'),
  });
  if (packageJson) writeFileSync(join(dir, 'package.json'), JSON.stringify(packageJson));
  mkdirSync(join(dir, 'node_modules/@playwright'), { recursive: true });
  mkdirSync(join(dir, 'node_modules/.bin'));
  symlinkSync(root, join(dir, 'node_modules/tollgate'), 'dir');
  for (const name of ['@playwright/test', 'playwright', 'playwright-core'])
    symlinkSync(join(root, 'node_modules', name), join(dir, 'node_modules', name), 'dir');
  symlinkSync('../@playwright/test/cli.js', join(dir, 'node_modules/.bin/playwright'));
  return dir;
}

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('tollgate init in the admin API (swag 2.0, HTTP 200 envelopes, no package.json)', () => {
  let dir: string;
  let port: number;
  let first: { code: number; stdout: string; stderr: string };
  beforeAll(async () => {
    dir = ginProject('admin-api');
    port = await freePort();
    first = await runCli(['init', '--url', `http://127.0.0.1:${port}`], { cwd: dir });
  });

  test('finds docs/swagger.yaml, writes the files as .mts (the project is not an ES module) and says what it guessed', () => {
    assert.equal(first.code, 0, first.stderr + first.stdout);
    assert.match(first.stdout, /tollgate init: docs\/swagger\.yaml/);
    for (const file of [
      'tollgate.config.mts',
      'load/smoke.ts',
      'suites/fixtures.mts',
      'suites/functional/smoke.spec.mts',
      'playwright.config.mts',
      '.github/workflows/tollgate.yml',
      'specs/generated/api.ts',
    ]) {
      assert.ok(existsSync(join(dir, file)), `${file} written`);
      assert.match(first.stdout, new RegExp(`wrote ${file.replaceAll('.', '\\.')}`));
    }
    const config = readFileSync(join(dir, 'tollgate.config.mts'), 'utf8');
    assert.match(config, /command: 'go run \.'/);
    assert.match(config, /readyPath: '\/api\/health'/);
    assert.match(config, /envelope: \{ code: '\/code', ok: \[0\], message: '\/msg', data: '\/data' \}/);
    assert.match(config, /bearer: \{ env: 'TOLLGATE_TOKEN' \}/);
    assert.match(config, /bearer: \{ env: 'STAGING_TOKEN' \}/);
    assert.match(first.stdout, /npm install --save-dev tollgate @playwright\/test/);
    const workflow = readFileSync(join(dir, '.github/workflows/tollgate.yml'), 'utf8');
    assert.match(workflow, /gate --env staging/);
    assert.match(workflow, /STAGING_TOKEN: \$\{\{ secrets\.STAGING_TOKEN \}\}/);
  });

  test('`gate --env local` passes as written: go run, contract, the generated suite and the smoke load', async () => {
    const runDir = join(scratch, 'admin-run');
    const r = await runCli(['gate', '--env', 'local', '--run-dir', runDir], {
      cwd: dir,
      env: { ADMIN_ADDR: `127.0.0.1:${port}`, TOLLGATE_TOKEN: 'dev-token' },
    });
    assert.equal(r.code, 0, r.stdout.slice(-3000) + r.stderr);
    const run = JSON.parse(readFileSync(join(runDir, 'run.json'), 'utf8'));
    const stages = Object.fromEntries(
      run.stages.map((s: { name: string; verdict: string }) => [s.name, s.verdict]),
    );
    assert.deepEqual(stages, {
      'generate-check': 'pass',
      contract: 'pass',
      suites: 'pass',
      'load:smoke': 'pass',
    });
    const { suites } = run;
    assert.ok(suites.passed >= 3, `the smoke suite ran its tests: ${JSON.stringify(suites)}`);
    assert.equal(suites.failed, 0);
  });

  test('the same files fail the gate when the API has a hole (GET /files answers without a token)', async () => {
    const runDir = join(scratch, 'admin-run-fault');
    const r = await runCli(['gate', '--env', 'local', '--run-dir', runDir], {
      cwd: dir,
      env: { ADMIN_ADDR: `127.0.0.1:${port}`, TOLLGATE_TOKEN: 'dev-token', ADMIN_FAULTS: 'auth-hole' },
    });
    assert.equal(r.code, 1, r.stdout.slice(-3000) + r.stderr);
    const contract = JSON.parse(readFileSync(join(runDir, 'contract.json'), 'utf8'));
    const errors = contract.findings.filter((f: { severity: string }) => f.severity === 'error');
    assert.ok(
      errors.some(
        (f: { operation: string; check: string }) => f.operation === 'GET /files' && /auth/.test(f.check),
      ),
      JSON.stringify(errors.map((f: { operation: string; check: string }) => `${f.check} ${f.operation}`)),
    );
  });

  test('run again, it writes nothing and names the files in one line (exit 2)', async () => {
    const before = readFileSync(join(dir, 'tollgate.config.mts'), 'utf8');
    writeFileSync(join(dir, 'load/smoke.ts'), '// mine\n');
    const r = await runCli(['init'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(
      oneLine(r),
      /already has tollgate\.config\.mts, load\/smoke\.ts.*init wrote nothing.*--force/,
    );
    assert.equal(readFileSync(join(dir, 'tollgate.config.mts'), 'utf8'), before);
    assert.equal(readFileSync(join(dir, 'load/smoke.ts'), 'utf8'), '// mine\n');
  });

  test('without --url the port comes from the address literal in main.go', async () => {
    const r = await runCli(['init', '--force', '--json'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(
      JSON.parse(r.stdout).guesses.includes('url: port 8081 from the literal "127.0.0.1:8081" in main.go'),
    );
    assert.match(readFileSync(join(dir, 'tollgate.config.mts'), 'utf8'), /url: 'http:\/\/127\.0\.0\.1:8081'/);
    assert.notEqual(readFileSync(join(dir, 'load/smoke.ts'), 'utf8'), '// mine\n', '--force overwrote it');
  });
});

describe('tollgate init elsewhere', () => {
  test('the albums API (OpenAPI 3, an ES module project): .ts files, http bearer auth, no envelope', async () => {
    const dir = ginProject('albums-api', { name: 'albums', private: true, type: 'module' });
    mkdirSync(join(dir, 'api'));
    cpSync(join(root, 'specs/albums.openapi.yaml'), join(dir, 'api/openapi.yaml'));
    const r = await runCli(['init', '--spec', 'api/openapi.yaml'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const config = readFileSync(join(dir, 'tollgate.config.ts'), 'utf8');
    assert.ok(!existsSync(join(dir, 'tollgate.config.mts')));
    assert.match(config, /specs: \{ api: 'api\/openapi\.yaml' \}/);
    assert.doesNotMatch(config, /envelope/);
    assert.match(config, /bearer: \{ env: 'TOLLGATE_TOKEN' \}/);
    assert.match(
      readFileSync(join(dir, 'suites/functional/smoke.spec.ts'), 'utf8'),
      /from '\.\.\/fixtures\.ts'/,
    );
    assert.match(readFileSync(join(dir, 'load/smoke.ts'), 'utf8'), /path: '\/v1\/albums', method: 'get'/);
  });

  test('a folder without an API description: one line, exit 2, nothing written', async () => {
    const dir = join(scratch, 'empty');
    mkdirSync(dir);
    writeFileSync(join(dir, 'go.mod'), 'module example.com/empty\n');
    const r = await runCli(['init'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(oneLine(r), /swagger|openapi/i);
    assert.ok(!existsSync(join(dir, 'tollgate.config.mts')));
  });
});
