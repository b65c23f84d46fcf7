import { TollgateError } from '../errors/tollgate-error.ts';
import type { GateSet } from './types.ts';

/**
 * `--gate 'latency.p99<300ms'` flags (repeatable) as a gate set. An inline
 * PromQL has comparisons and braces of its own: its threshold is the last
 * comparison.
 */
export function parseGateFlags(flags: string[]): GateSet {
  const gates: GateSet = {};
  for (const flag of flags) {
    const m = flag.trim().startsWith('promql:')
      ? /^\s*(promql:.+?)\s*((?:<=|>=|==|!=|<|>)\s*\d+(?:\.\d+)?)\s*$/.exec(flag)
      : /^\s*([^<>=!\s]+)\s*((?:<=|>=|==|!=|<|>).*)$/.exec(flag);
    if (!m)
      throw new TollgateError(
        'TG_GATE_SYNTAX',
        `--gate '${flag}' must look like 'errors.count==0' or 'latency.p99<500ms'`,
      );
    gates[m[1]] = m[2].trim();
  }
  return gates;
}
