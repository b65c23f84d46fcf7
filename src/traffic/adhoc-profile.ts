import { TollgateError } from '../errors/tollgate-error.ts';
import type { LoadedProfile } from '../load/types.ts';
import type { LoadedSpec } from '../spec/types.ts';
import { readMix } from '../traffic/read-mix.ts';

/**
 * Traffic for a watch or a load run without a profile: the spec's read mix (src/traffic:
 * GET and HEAD whose required parameters can be filled), equally weighted,
 * so a switch can be watched with nothing but the spec and a rate. Reads
 * only: a deploy must not be watched with writes nobody asked for.
 */
export function adhocProfile(spec: LoadedSpec, rate: number, use: 'watch' | 'load'): LoadedProfile {
  const mix = readMix(spec);
  if (mix.requests.length === 0) {
    throw new TollgateError(
      'TG_NOTHING_TO_TEST',
      `${spec.source} has no GET operation whose parameters can be filled to ${use === 'watch' ? 'watch a switch' : 'load'} with (${mix.skipped.slice(0, 3).join('; ') || 'no GET operations'})`,
      {
        hint: `name a load profile: tollgate ${use} <profile> --env <name>${use === 'watch' ? ' -- <command>' : ''}`,
      },
    );
  }
  return {
    name: 'adhoc',
    source: `${mix.requests.length} reads of ${spec.source}`,
    options: {
      model: 'open',
      rate,
      requests: mix.requests.map((r) => ({
        path: r.template,
        method: r.method.toLowerCase() as never,
        name: r.op,
        params: r.params,
      })),
    },
  };
}
