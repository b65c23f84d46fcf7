import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { moduleErrorMessage } from '../errors/module-error.ts';
import { TollgateError } from '../errors/tollgate-error.ts';
import { resolveConfig } from './resolve-config.ts';
import type { ResolvedConfig } from './types.ts';
import { validateConfig } from './validate-config.ts';

const configFileNames = [
  'tollgate.config.ts',
  'tollgate.config.mts',
  'tollgate.config.js',
  'tollgate.config.mjs',
];

/** Finds the config in `cwd` (or loads `file`), validates it and resolves it. Undefined when none exists. */
export async function loadConfig(cwd: string, file?: string): Promise<ResolvedConfig | undefined> {
  const path = file ? resolve(cwd, file) : configFileNames.map((n) => resolve(cwd, n)).find(existsSync);
  if (!path) return undefined;
  if (!existsSync(path)) throw new TollgateError('TG_CONFIG_NOT_FOUND', `no config file at ${path}`);
  let loaded: { default?: unknown };
  try {
    // tsImport: a .ts config loads as ESM whether or not the user's package.json says "type": "module".
    loaded = await tsImport(pathToFileURL(path).href, import.meta.url);
  } catch (error) {
    throw new TollgateError('TG_CONFIG_INVALID', `${path} failed to load: ${moduleErrorMessage(error)}`, {
      hint: 'fix the error in the config file',
      cause: error,
    });
  }
  const config = unwrapDefault(loaded.default);
  validateConfig(config, path);
  return resolveConfig(config, dirname(path), path);
}

/** A config compiled as CommonJS (no "type": "module") arrives as `{ default: config }` one level down. */
function unwrapDefault(value: unknown): unknown {
  if (typeof value === 'object' && value !== null && 'default' in value) {
    const keys = Object.keys(value).filter((k) => k !== '__esModule');
    if (keys.length === 1) return (value as { default: unknown }).default;
  }
  return value;
}
