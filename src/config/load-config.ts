import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { moduleErrorMessage } from '../errors/module-error.ts';
import { TollgateError } from '../errors/tollgate-error.ts';
import { importUserModule } from './import-user-module.ts';
import { resolveConfig } from './resolve-config.ts';
import type { ResolvedConfig } from './types.ts';
import { validateConfig } from './validate-config.ts';

const configFileNames = [
  'tollgate.config.ts',
  'tollgate.config.mts',
  'tollgate.config.js',
  'tollgate.config.mjs',
  'tollgate.config.cts',
  'tollgate.config.cjs',
];

/** Finds the config in `cwd` (or loads `file`), validates it and resolves it. Undefined when none exists. */
export async function loadConfig(cwd: string, file?: string): Promise<ResolvedConfig | undefined> {
  const path = file ? resolve(cwd, file) : configFileNames.map((n) => resolve(cwd, n)).find(existsSync);
  if (!path) return undefined;
  if (!existsSync(path)) throw new TollgateError('TG_CONFIG_NOT_FOUND', `no config file at ${path}`);
  let config: unknown;
  try {
    config = await importUserModule(path);
  } catch (error) {
    throw new TollgateError('TG_CONFIG_INVALID', `${path} failed to load: ${moduleErrorMessage(error)}`, {
      hint: 'fix the error in the config file',
      cause: error,
    });
  }
  validateConfig(config, path);
  return resolveConfig(config, dirname(path), path);
}
