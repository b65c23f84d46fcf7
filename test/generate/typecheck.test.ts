import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';

const repo = resolve(import.meta.dirname, '../..');
const typecheckFile = resolve(import.meta.dirname, 'typed-client.typecheck.ts');
const tsc = resolve(repo, 'node_modules/typescript/bin/tsc');
const run = promisify(execFile);

/** Compiles one file with the repo's compiler settings; returns tsc's exit code and its error lines. */
async function compile(dir: string, file: string): Promise<{ code: number; errors: string[] }> {
  const config = {
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      lib: ['ES2023', 'DOM'],
      types: [],
      strict: true,
      allowImportingTsExtensions: true,
      verbatimModuleSyntax: true,
      skipLibCheck: true,
      noEmit: true,
      typeRoots: [resolve(repo, 'node_modules/@types')],
    },
    files: [file],
  };
  const project = join(dir, `tsconfig.${Math.random().toString(36).slice(2)}.json`);
  await writeFile(project, JSON.stringify(config));
  try {
    await run(process.execPath, [tsc, '-p', project, '--pretty', 'false'], { cwd: repo, timeout: 60_000 });
    return { code: 0, errors: [] };
  } catch (error) {
    const { code, stdout } = error as { code: number; stdout: string };
    return { code, errors: stdout.split('\n').filter((line) => line.includes('error TS')) };
  }
}

describe('the generated client rejects wrong calls at compile time', () => {
  let dir = '';
  let source = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tollgate-typecheck-'));
    source = await readFile(typecheckFile, 'utf8');
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test('typed-client.typecheck.ts compiles: every @ts-expect-error is needed and used', async () => {
    const { code, errors } = await compile(dir, typecheckFile);
    assert.deepEqual(errors, []);
    assert.equal(code, 0);
  });

  test('negative control: without the @ts-expect-error lines, each marked call fails to compile', async () => {
    const lines = source.split('\n');
    const directives = lines.flatMap((line, i) => (line.includes('// @ts-expect-error') ? [i] : []));
    assert.equal(directives.length, 3, 'wrong path, wrong parameter type, missing body field');
    // Blank the directives (keeping line numbers) and point the import at the real generated module.
    const stripped = lines
      .map((line) => (line.includes('// @ts-expect-error') ? '' : line))
      .join('\n')
      .replace(
        "'../../specs/generated/albums.ts'",
        JSON.stringify(resolve(repo, 'specs/generated/albums.ts')),
      );
    const copy = join(dir, 'stripped.typecheck.ts');
    await writeFile(copy, stripped);
    const { code, errors } = await compile(dir, copy);
    assert.notEqual(code, 0);
    // tsc reports `file(line,col)`: each error sits on the line right after a removed directive.
    const errorLines = new Set(errors.map((e) => Number(/\((\d+),\d+\)/.exec(e)?.[1]) - 1));
    for (const directive of directives) {
      assert.ok(
        errorLines.has(directive + 1),
        `line ${directive + 2} compiled without its directive: ${errors.join(' | ')}`,
      );
    }
  });
});
