import { checkNames } from '../checks/registry.ts';
import { TollgateError } from '../errors/tollgate-error.ts';
import type { ContractOptions } from './types.ts';

/**
 * Which checks run and with which options: config `checks` (false disables,
 * an object configures), then `--checks` (only these) and `--exclude-checks`.
 * An unknown name is a usage error that lists the known ones.
 */
export interface CheckSelection {
  enabled: (name: string) => boolean;
  optionsFor: (name: string) => Record<string, unknown>;
  names: string[];
}

export function selectChecks(
  options: Pick<ContractOptions, 'checks' | 'onlyChecks' | 'excludeChecks'>,
): CheckSelection {
  const config = options.checks ?? {};
  for (const [where, names] of [
    ['contract.checks', Object.keys(config)],
    ['--checks', options.onlyChecks ?? []],
    ['--exclude-checks', options.excludeChecks ?? []],
  ] as const) {
    const unknown = names.filter((n) => !checkNames.includes(n));
    if (unknown.length) {
      throw new TollgateError(
        'TG_USAGE',
        `${where}: unknown check ${unknown.join(', ')}; known: ${checkNames.join(', ')}`,
      );
    }
  }
  const only = options.onlyChecks?.length ? new Set(options.onlyChecks) : undefined;
  const excluded = new Set(options.excludeChecks ?? []);
  const enabled = (name: string) =>
    config[name] !== false && (!only || only.has(name)) && !excluded.has(name);
  return {
    enabled,
    optionsFor: (name) => {
      const value = config[name];
      return value && typeof value === 'object' ? value : {};
    },
    names: checkNames.filter(enabled),
  };
}
