import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { TollgateError } from '../errors/tollgate-error.ts';
import { readLatest } from './latest.ts';
import type { RunModel } from './model.ts';

const RUN_FILE = 'run.json';

/** Writes `<dir>/run.json`, the one source every report is rendered from. */
export function writeRun(dir: string, model: RunModel): string {
  const file = join(dir, RUN_FILE);
  writeFileSync(file, `${JSON.stringify(model, null, 2)}\n`);
  return file;
}

/** Reads `<dir>/run.json`; a missing or foreign file is the user's mistake, named with the path. */
export function readRun(dir: string): RunModel {
  const file = join(dir, RUN_FILE);
  if (!existsSync(file)) throw new TollgateError('TG_RUN_NOT_FOUND', `no ${RUN_FILE} in ${dir}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new TollgateError('TG_RUN_NOT_FOUND', `${file} is not valid JSON: ${(error as Error).message}`);
  }
  const model = parsed as Partial<RunModel>;
  if (model.schemaVersion !== 1 || typeof model.id !== 'string' || !Array.isArray(model.gates)) {
    throw new TollgateError('TG_RUN_NOT_FOUND', `${file} is not a tollgate run (schemaVersion 1 expected)`);
  }
  return parsed as RunModel;
}

/**
 * Finds a run folder from what the user typed: `latest`, a run id under
 * `reportsDir`, or a path to the folder.
 */
export function resolveRunDir(reportsDir: string, arg: string, cwd = process.cwd()): string {
  if (arg === 'latest') {
    const id = readLatest(reportsDir);
    if (!id) throw new TollgateError('TG_RUN_NOT_FOUND', `no latest run under ${reportsDir}`);
    return join(resolve(cwd, reportsDir), id);
  }
  const candidates = [isAbsolute(arg) ? arg : resolve(cwd, arg), join(resolve(cwd, reportsDir), arg)];
  const found = candidates.find((dir) => existsSync(dir) && statSync(dir).isDirectory());
  if (!found)
    throw new TollgateError(
      'TG_RUN_NOT_FOUND',
      `run "${arg}" not found (looked in ${candidates.join(', ')})`,
    );
  return found;
}
