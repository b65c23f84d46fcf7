import type { CompareTarget } from '../../src/compare/compare-targets.ts';
import { resolveConfig, resolveEnvironment } from '../../src/config/resolve-config.ts';
import type { LoadedSpec } from '../../src/spec/types.ts';

/** What compareTargets needs of a command's target: an environment with the default contract options, a token as its secret. */
export function compareTarget(spec: LoadedSpec, token?: string): CompareTarget {
  const config = resolveConfig(
    { specs: { s: spec.source }, environments: { t: { baseURL: 'http://127.0.0.1:1' } } },
    process.cwd(),
  );
  return {
    spec,
    env: resolveEnvironment(config, 't', {}),
    envName: 't',
    headers: {},
    query: {},
    secrets: token ? [{ value: token, envName: 'ALBUMS_TOKEN' }] : [],
  };
}
