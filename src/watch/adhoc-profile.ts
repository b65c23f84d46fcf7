import { TollgateError } from '../errors/tollgate-error.ts';
import type { LoadedProfile } from '../load/types.ts';
import type { LoadedSpec } from '../spec/types.ts';

/**
 * Traffic for a watch without a profile: every GET of the spec that needs no
 * parameter, equally weighted, so a switch can be watched with nothing but
 * the spec and a rate. Reads only: a deploy must not be watched with writes
 * nobody asked for.
 */
export function adhocProfile(spec: LoadedSpec, rate: number): LoadedProfile {
  const reads = spec.operations.filter(
    (op) => op.method === 'get' && !op.parameters.some((p) => p.required) && !op.requestBody?.required,
  );
  if (reads.length === 0) {
    throw new TollgateError(
      'TG_NOTHING_TO_TEST',
      `${spec.source} has no GET operation without required parameters to watch a switch with`,
      { hint: 'name a load profile: tollgate watch <profile> --env <name> -- <command>' },
    );
  }
  return {
    name: 'adhoc',
    source: `${reads.length} GET operations of ${spec.source}`,
    options: {
      model: 'open',
      rate,
      requests: reads.map((op) => ({ path: op.path, method: 'get' as never, name: op.id })),
    },
  };
}
