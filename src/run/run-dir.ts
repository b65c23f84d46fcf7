import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { TollgateError } from '../errors/tollgate-error.ts';

/** A run folder: `reports/<id>/`, where run.json and every report of one run go. */
export interface RunDir {
  /** `2026-11-30T03-40-12Z-local`: sortable, filesystem-safe, names the environment. */
  id: string;
  /** Absolute path of the folder (created). */
  dir: string;
}

/**
 * Creates a fresh run folder under `reportsDir` named after the time and the
 * environment. Two runs in the same second get `-2`, `-3`... (mkdir without
 * `recursive` fails on an existing folder, so the name is claimed atomically).
 * With `explicitDir` (`--run-dir`) that folder is used as is, created if needed.
 */
export function createRunDir(
  reportsDir: string,
  envName: string,
  explicitDir?: string,
  now = new Date(),
): RunDir {
  if (explicitDir) {
    const dir = resolve(explicitDir);
    mkdirSync(dir, { recursive: true });
    return { id: basename(dir), dir };
  }
  const root = resolve(reportsDir);
  mkdirSync(root, { recursive: true });
  const base = `${runTimestamp(now)}-${safeName(envName)}`;
  for (let n = 1; n < 1000; n++) {
    const id = n === 1 ? base : `${base}-${n}`;
    const dir = join(root, id);
    try {
      mkdirSync(dir);
      return { id, dir };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new Error(`could not claim a run folder under ${root} for ${base}`);
}

/**
 * Refuses, before anything is sent, a run folder that could not be created at
 * the end: `reports` (or `--run-dir`, or a folder above it) being a file, or
 * a folder tollgate may not write to. Without this a whole run is measured
 * and then lost to an ENOTDIR crash.
 */
export function assertRunDirUsable(reportsDir: string, explicitDir?: string): void {
  const [wanted, label] = explicitDir
    ? [resolve(explicitDir), '--run-dir']
    : [resolve(reportsDir), 'reports folder'];
  let at = wanted;
  for (;;) {
    const stat = statOrMissing(at);
    if (stat && !stat.isDirectory()) {
      const what =
        at === wanted ? `${label} ${wanted} is a file` : `${label} ${wanted} is under ${at}, which is a file`;
      throw new TollgateError('TG_OUTPUT_DIR', `${what}, not a folder`);
    }
    if (stat) break;
    const parent = dirname(at);
    if (parent === at) return;
    at = parent;
  }
  try {
    accessSync(at, constants.W_OK);
  } catch {
    throw new TollgateError('TG_OUTPUT_DIR', `${label} ${wanted}: ${at} is not writable`);
  }
}

/** undefined when nothing is there, also when a folder on the way is a file (ENOTDIR). */
function statOrMissing(path: string): ReturnType<typeof statSync> {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw error;
  }
}

/** `2026-11-30T03:40:12.345Z` -> `2026-11-30T03-40-12Z`. */
export function runTimestamp(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replaceAll(':', '-');
}

/** Environment names come from the user's config; keep folder names portable. */
function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, 60) || 'run';
}
