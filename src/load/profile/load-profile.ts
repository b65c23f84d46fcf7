import { existsSync, readdirSync } from 'node:fs';
import { basename, extname, isAbsolute, join, relative, resolve } from 'node:path';
import { importUserModule } from '../../config/import-user-module.ts';
import { moduleErrorMessage } from '../../errors/module-error.ts';
import { TollgateError } from '../../errors/tollgate-error.ts';
import type { LoadedSpec } from '../../spec/types.ts';
import type { LoadedProfile } from './loaded-profile.ts';
import { validateProfile } from './validate-profile.ts';

/**
 * Finds a profile by name in `loadDir` (`baseline` -> `load/baseline.ts`) or
 * as a file path, imports its default export and validates it.
 */
export async function loadProfile(
  nameOrFile: string,
  options: { loadDir: string; cwd: string; spec?: LoadedSpec },
): Promise<LoadedProfile> {
  const file = findProfile(nameOrFile, options.loadDir, options.cwd);
  const source = relative(options.cwd, file) || file;
  let exported: unknown;
  try {
    exported = await importUserModule(file);
  } catch (error) {
    throw new TollgateError('TG_PROFILE_INVALID', `${source} failed to load: ${moduleErrorMessage(error)}`, {
      cause: error,
    });
  }
  validateProfile(exported, source, options.spec);
  return {
    name: basename(file, extname(file)),
    source,
    file,
    options: exported as LoadedProfile['options'],
  };
}

const profileExtensions = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'];

function findProfile(nameOrFile: string, loadDir: string, cwd: string): string {
  const dir = resolve(cwd, loadDir);
  const candidates = [
    isAbsolute(nameOrFile) ? nameOrFile : resolve(cwd, nameOrFile),
    ...profileExtensions.map((ext) => join(dir, `${nameOrFile}${ext}`)),
    join(dir, nameOrFile),
  ];
  const found = candidates.find((c) => existsSync(c) && profileExtensions.includes(extname(c)));
  if (found) return found;
  const known = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => profileExtensions.includes(extname(f)))
        .map((f) => basename(f, extname(f)))
    : [];
  throw new TollgateError(
    'TG_PROFILE_INVALID',
    `no load profile "${nameOrFile}" (looked for ${relative(cwd, candidates[1])}; profiles: ${known.join(', ') || 'none'})`,
    {
      hint: `add ${relative(cwd, candidates[1])} with export default defineProfile({ ... }) or pass a file path`,
    },
  );
}
