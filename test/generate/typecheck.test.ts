import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, test } from 'vitest';

const repo = resolve(import.meta.dirname, '../..');
const typecheckFile = resolve(import.meta.dirname, 'typed-client.typecheck.ts');

/** The repo's compiler settings, for just the given files (what `tsc --noEmit` checks in CI). */
const options: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
  types: [],
  strict: true,
  allowImportingTsExtensions: true,
  verbatimModuleSyntax: true,
  skipLibCheck: true,
  noEmit: true,
};

/** Type-checks the files in one program (tsc's checker, in process); returns `line: message` errors per file. */
function compile(files: string[]): Map<string, { line: number; text: string }[]> {
  const program = ts.createProgram(files, options);
  const errors = new Map(files.map((f) => [f, [] as { line: number; text: string }[]]));
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const text = ts.flattenDiagnosticMessageText(d.messageText, ' ');
    const file = d.file?.fileName ?? '(global)';
    const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : -1;
    const list = errors.get(resolve(file)) ?? [];
    list.push({ line, text });
    errors.set(resolve(file), list);
  }
  return errors;
}

describe('the generated client rejects wrong calls at compile time', () => {
  let dir = '';
  let directives: number[] = [];
  let errors = new Map<string, { line: number; text: string }[]>();
  let stripped = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tollgate-typecheck-'));
    const lines = (await readFile(typecheckFile, 'utf8')).split('\n');
    directives = lines.flatMap((line, i) => (line.includes('// @ts-expect-error') ? [i] : []));
    // The negative control: the same file with the directives blanked (line numbers kept),
    // importing the real generated module by absolute path.
    stripped = join(dir, 'stripped.typecheck.ts');
    const text = lines
      .map((line) => (line.includes('// @ts-expect-error') ? '' : line))
      .join('\n')
      .replace(
        "'../../specs/generated/albums.ts'",
        JSON.stringify(resolve(repo, 'specs/generated/albums.ts')),
      );
    await writeFile(stripped, text);
    errors = compile([typecheckFile, stripped]);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  test('typed-client.typecheck.ts compiles: every @ts-expect-error is needed and used', () => {
    assert.deepEqual(errors.get(typecheckFile), []);
    assert.deepEqual(errors.get('(global)') ?? [], []);
  });

  test('negative control: without the @ts-expect-error lines, each marked call fails to compile', () => {
    assert.equal(directives.length, 3, 'wrong path, wrong parameter type, missing body field');
    const found = errors.get(stripped) ?? [];
    assert.ok(found.length >= directives.length, `expected errors, got ${JSON.stringify(found)}`);
    const errorLines = new Set(found.map((e) => e.line));
    for (const directive of directives) {
      const messages = found.map((e) => `${e.line + 1}: ${e.text}`).join(' | ');
      assert.ok(
        errorLines.has(directive + 1),
        `line ${directive + 2} compiled without its directive: ${messages}`,
      );
    }
  });
});
