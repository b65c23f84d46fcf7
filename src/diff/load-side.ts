import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { TollgateError } from '../errors/tollgate-error.ts';
import { loadSpec } from '../spec/load-spec.ts';
import { parseSource } from '../spec/parse-source.ts';
import { displayLocation, isUrl, readSource } from '../spec/read-source.ts';
import type { DiffSide } from './diff-context.ts';
import { locator } from './locate.ts';

/**
 * Loads one side of a diff: a file, an http(s) URL or `git:<ref>:<path>`
 * (the file as committed at that ref, with the files beside it so relative
 * `$ref`s resolve at the same ref). Errors say which side they are about;
 * an unreachable URL is TG_UNREACHABLE (exit 3), a bad spec or ref exit 2.
 */
export async function loadSide(source: string, which: 'base' | 'revision', cwd: string): Promise<DiffSide> {
  const git = /^git:([^:]+):(.+)$/.exec(source);
  if (!git) return loadAt(isUrl(source) ? source : resolve(cwd, source), source, which);
  const [, ref, path] = git;
  const dir = checkout(ref, path, which, cwd);
  try {
    return await loadAt(join(dir.root, dir.file), source, which, dir.root);
  } finally {
    rmSync(dir.root, { recursive: true, force: true });
  }
}

async function loadAt(location: string, display: string, which: string, tmp?: string): Promise<DiffSide> {
  const shown = tmp ? display : displayLocation(location);
  try {
    const spec = await loadSpec(location);
    const root = parseSource(await readSource(location));
    return {
      spec,
      display: shown,
      raw: root.value,
      locate: locator(shown, spec.version, root.value, (p) => root.lineOf(p)),
    };
  } catch (error) {
    if (!(error instanceof TollgateError)) throw error;
    const message = tmp
      ? error.message.replaceAll(`${tmp}/`, `${display.slice(0, display.lastIndexOf(':') + 1)}`)
      : error.message;
    const unreachable =
      isUrl(location) && error.code === 'TG_SPEC_NOT_FOUND' && !/: HTTP \d+$/.test(error.message);
    throw new TollgateError(unreachable ? 'TG_UNREACHABLE' : error.code, `${which} spec: ${message}`, {
      hint: unreachable ? 'check the URL and that the server is up' : error.hint,
      cause: error,
    });
  }
}

/** `git archive` of the spec's folder at `ref` into a temporary folder. */
function checkout(ref: string, path: string, which: string, cwd: string): { root: string; file: string } {
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
  try {
    git('rev-parse', '--verify', '--quiet', `${ref}^{commit}`);
  } catch {
    throw new TollgateError(
      'TG_GIT_REF',
      `${which} spec git:${ref}:${path}: "${ref}" is not a commit, branch or tag here`,
    );
  }
  const prefix = git('rev-parse', '--show-prefix').trim();
  const file = join(prefix, path).replaceAll('\\', '/');
  try {
    git('cat-file', '-e', `${ref}:${file}`);
  } catch {
    throw new TollgateError('TG_SPEC_NOT_FOUND', `${which} spec git:${ref}:${path}: no such file at ${ref}`);
  }
  const root = mkdtempSync(join(tmpdir(), 'tollgate-diff-'));
  const top = git('rev-parse', '--show-toplevel').trim();
  execFileSync(
    'sh',
    ['-c', `git archive --format=tar "$0" -- "$1" | tar -x -C "$2"`, ref, dirname(file), root],
    {
      cwd: top,
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: 60_000,
    },
  );
  if (!existsSync(join(root, file))) throw new Error(`tollgate bug: git archive did not write ${file}`);
  return { root, file };
}
