import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, test } from 'vitest';
import { commandList, commands } from '../../src/cli/commands/index.ts';

const bin = resolve(import.meta.dirname, '../../bin/tollgate.js');
const specPath = resolve(import.meta.dirname, '../../specs/albums.openapi.yaml');

function run(args: string[], cwd = process.cwd()): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile('node', [bin, ...args], { cwd, timeout: 60_000 }, (error, stdout, stderr) => {
      done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** A user's mistake is one line on stderr, with no stack trace. */
function assertOneLine(stderr: string, pattern: RegExp) {
  const lines = stderr.trim().split('\n');
  assert.equal(lines.length, 1, `expected one line, got:\n${stderr}`);
  assert.match(lines[0], pattern);
  assert.doesNotMatch(stderr, /\n\s+at /);
}

describe('tollgate CLI', () => {
  test('--help lists every command with an example', async () => {
    const { code, stdout } = await run(['--help']);
    assert.equal(code, 0);
    for (const name of Object.keys(commands)) {
      assert.match(stdout, new RegExp(`^  ${name}\\s+\\S`, 'm'), `${name} missing from --help`);
      const command = await commands[name]();
      assert.ok(command.examples.length > 0, `${name} has no example`);
      assert.ok(stdout.includes(`$ ${command.examples[0]}`), `${name}'s example missing from --help`);
      // --help lists from commandList (no imports); it must say what the command itself says
      assert.deepEqual(commandList[name], { summary: command.summary, example: command.examples[0] }, name);
    }
    assert.deepEqual(Object.keys(commandList), Object.keys(commands));
    assert.match(
      stdout,
      /Exit codes: 0 pass, 1 a check or gate failed, 2 usage\/config\/spec error, 3 target unreachable/,
    );
  });

  test('<command> --help shows usage, options and examples', async () => {
    const { code, stdout } = await run(['inspect', '--help']);
    assert.equal(code, 0);
    assert.match(stdout, /Usage: tollgate inspect/);
    assert.match(stdout, /--spec <file\|url>/);
    assert.match(stdout, /Examples:\n {2}\$ tollgate inspect/);
  });

  test('--version prints the package version', async () => {
    const { code, stdout } = await run(['--version']);
    assert.equal(code, 0);
    assert.match(stdout.trim(), /^\d+\.\d+\.\d+$/);
  });

  test('an unknown command exits 2 with one line', async () => {
    const { code, stderr } = await run(['contrat']);
    assert.equal(code, 2);
    assertOneLine(stderr, /unknown command "contrat"/);
  });

  test('an unknown flag exits 2 with one line', async () => {
    const { code, stderr } = await run(['inspect', '--sped', 'x']);
    assert.equal(code, 2);
    assertOneLine(stderr, /TG_USAGE: inspect: Unknown option '--sped'/);
  });

  test('inspect reads Swagger 2.0 and OpenAPI 3.1 and lists operations with Gin paths', async () => {
    const { code, stdout } = await run(['inspect', '--spec', specPath, '--json']);
    assert.equal(code, 0);
    const data = JSON.parse(stdout);
    assert.equal(data.version, '3.1');
    const get = data.operations.find((o: { id: string }) => o.id === 'getAlbum');
    assert.equal(get.gin, 'GET /v1/albums/:id');
  });

  test('inspect text lists each operation once, on its Gin route', async () => {
    const { code, stdout } = await run(['inspect', '--spec', specPath]);
    assert.equal(code, 0);
    const rows = stdout.split('\n').filter((l) => l.startsWith('  '));
    assert.equal(rows.length, 12, stdout); // 11 API operations and getMetrics
    const get = rows.filter((l) => /\bgetAlbum\b/.test(l));
    assert.equal(get.length, 1, `getAlbum once:\n${stdout}`);
    assert.match(get[0], /^ {2}GET \/v1\/albums\/:id +getAlbum +\[200 400 404\]$/);
    assert.match(stdout, /POST \/v1\/albums\/:id\/tracks +createTrack .*\(auth\)/);
    for (const row of rows)
      assert.equal(row.match(/\/v1\/albums/g)?.length ?? 0, row.includes('/v1/') ? 1 : 0, row);
  });

  test('a missing spec file exits 2 naming the file', async () => {
    const { code, stderr } = await run(['inspect', '--spec', 'specs/nope.yaml']);
    assert.equal(code, 2);
    assertOneLine(stderr, /nope\.yaml/);
  });

  test('a broken config exits 2 naming the file and the key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tollgate-cli-'));
    writeFileSync(
      join(dir, 'tollgate.config.ts'),
      "export default { environments: { staging: { baseURL: 'stagin.example' } } };\n",
    );
    const { code, stderr } = await run(['contract', '--env', 'staging'], dir);
    assert.equal(code, 2);
    assertOneLine(stderr, /environments\.staging\.baseURL must be an http\(s\) URL, got "stagin\.example"/);
  });

  test('an unreachable target exits 3 naming the URL', async () => {
    const { code, stderr } = await run(['contract', '--spec', specPath, '--base-url', 'http://127.0.0.1:9']);
    assert.equal(code, 3);
    assert.match(stderr, /cannot reach http:\/\/127\.0\.0\.1:9|127\.0\.0\.1:9/);
    assert.doesNotMatch(stderr, /\n\s+at /);
  });
});
