import { TollgateError } from '../errors/tollgate-error.ts';
import type { FromEnv, Secret } from './types.ts';

/** Reads a `FromEnv` value; `path` names the config key in the error. */
export function readFromEnv(value: FromEnv, path: string, env: NodeJS.ProcessEnv = process.env): string {
  if (typeof value === 'string') return value;
  const found = env[value.env] ?? value.default;
  if (found === undefined || found === '') {
    throw new TollgateError('TG_ENV_VAR_MISSING', `${path} reads $${value.env}, which is not set`);
  }
  return found;
}

/**
 * A secret keeps the name of the variable it came from so repro commands can
 * print `$NAME`. A literal gets a name derived from its config path.
 */
export function readSecret(value: FromEnv, path: string, fallbackName: string, env = process.env): Secret {
  return {
    value: readFromEnv(value, path, env),
    envName: typeof value === 'string' ? fallbackName : value.env,
  };
}
