import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');

/**
 * Runs the project's tsc (strict, no emit) on `files`, with `paths` mapping
 * module names to type packages in node_modules, as a user type-checks what
 * tollgate wrote for them. The tsconfig goes beside the files in `dir`.
 */
export function typecheck(
  dir: string,
  files: string[],
  options: { target: string; lib?: string[]; paths: Record<string, string[]> },
): Promise<{ code: number; output: string }> {
  const config = join(
    dir,
    `tsconfig-${files.length}-${Date.now()}-${Math.random().toString(36).slice(2)}.json`,
  );
  writeFileSync(
    config,
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        target: options.target,
        module: 'ESNext',
        moduleResolution: 'Bundler',
        ...(options.lib ? { lib: options.lib } : {}),
        types: [],
        baseUrl: root,
        paths: options.paths,
      },
      files,
    }),
  );
  return new Promise((done) =>
    execFile(join(root, 'node_modules/.bin/tsc'), ['-p', config], (error, stdout, stderr) =>
      done({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, output: stdout + stderr }),
    ),
  );
}
