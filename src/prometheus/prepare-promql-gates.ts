import type { ResolvedPrometheus } from '../config/types.ts';
import { parseGateSet } from '../gates/parse-gates.ts';
import type { GateSet, ParsedGate } from '../gates/types.ts';
import type { GateResult } from '../run/model.ts';
import { assertPromqlGates, measurePromqlGates, type PromqlSource, promqlGatesOf } from './promql-gates.ts';
import type { QueryWindow } from './render-query.ts';

/** A run's PromQL gates, checked before the load and measured after it. */
export interface PromqlRun {
  gates: ParsedGate[];
  /** Waits one scrape interval, then judges every PromQL gate over `window`. */
  measure(scope: string, window: QueryWindow, signal?: AbortSignal): Promise<GateResult[]>;
}

/**
 * What `load`, `watch` and the `gate` command's load stage do alike: pick
 * the PromQL gates out of a gate set and check them against Prometheus
 * before any load is sent (a bad query is exit 2, Prometheus down exit 3).
 */
export async function preparePromqlGates(
  prometheus: ResolvedPrometheus | undefined,
  gates: GateSet | ParsedGate[] | undefined,
  source: PromqlSource,
): Promise<PromqlRun> {
  const parsed = Array.isArray(gates) ? gates : parseGateSet(gates, source.where);
  const promql = promqlGatesOf(parsed);
  await assertPromqlGates(prometheus, promql, source);
  return {
    gates: promql,
    measure: (scope, window, signal) =>
      measurePromqlGates({ prometheus, gates: promql, source, scope, window, signal }),
  };
}

/** A run that started at `startedAt` (ISO) and lasted `durationMs`, as a query window. */
export function runWindow(startedAt: string, durationMs: number): QueryWindow {
  const startMs = Date.parse(startedAt);
  return { startMs, endMs: startMs + durationMs };
}
