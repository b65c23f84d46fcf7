import type { LoadedSpec } from '../spec/types.ts';
import { readMix } from '../traffic/read-mix.ts';

/** One read the smoke profile and the functional suite send. */
export interface SmokeRequest {
  operation: string;
  path: string;
  query: Record<string, unknown>;
  pathParams: Record<string, unknown>;
  /** The documented success status (the first 2xx), 200 when none is. */
  status: number;
}

/**
 * The reads a first smoke run sends: the GETs of the spec's read mix
 * (src/traffic: parameters from examples, defaults or enums, never guessed;
 * no logout, no command-named GET), at most `limit`, in spec order, each with
 * its documented success status.
 */
export function smokeRequests(spec: LoadedSpec, limit = 8): { requests: SmokeRequest[]; skipped: string[] } {
  const mix = readMix(spec);
  const operations = new Map(spec.operations.map((op) => [op.id, op]));
  const requests = mix.requests
    .filter((r) => r.method === 'GET')
    .slice(0, limit)
    .map((r) => {
      const op = operations.get(r.op);
      const status = Number(Object.keys(op?.responses ?? {}).find((s) => /^2\d\d$/.test(s)) ?? 200);
      return {
        operation: op?.key ?? r.op,
        path: r.template,
        query: r.params.query,
        pathParams: r.params.path,
        status,
      };
    });
  return { requests, skipped: mix.skipped };
}
