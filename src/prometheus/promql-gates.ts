import { setTimeout as sleep } from 'node:timers/promises';
import type { ResolvedPrometheus } from '../config/types.ts';
import { TollgateError } from '../errors/tollgate-error.ts';
import { evaluateGates } from '../gates/evaluate-gates.ts';
import type { ParsedGate } from '../gates/types.ts';
import type { GateResult } from '../run/model.ts';
import { queryInstant } from './query-prometheus.ts';
import { type QueryWindow, renderQuery, unixSeconds } from './render-query.ts';

/** Where the gates and the Prometheus config come from, for one-line errors. */
export interface PromqlSource {
  /** The environment whose `prometheus` block is read. */
  env: string;
  /** The gates as written: `load/smoke.ts: gates.local`, `--gate`. */
  where: string;
}

/** The gates a run judges through Prometheus (`promql.<name>`, `promql:<expr>`). */
export function promqlGatesOf(gates: ParsedGate[]): ParsedGate[] {
  return gates.filter((g) => g.metric.family === 'promql');
}

/**
 * Before the load starts: every PromQL gate names a known query, the
 * environment has a Prometheus, Prometheus answers, and each query parses
 * (rendered over a one-minute window ending now). Throws TG_CONFIG_INVALID
 * or TG_PROMQL_INVALID (exit 2), TG_PROMETHEUS_UNREACHABLE (exit 3).
 */
export async function assertPromqlGates(
  prometheus: ResolvedPrometheus | undefined,
  gates: ParsedGate[],
  source: PromqlSource,
): Promise<void> {
  if (gates.length === 0) return;
  if (!prometheus) {
    throw new TollgateError(
      'TG_CONFIG_INVALID',
      `${source.where}: gate "${gates[0].metric.name}" reads Prometheus, but environments.${source.env} has no prometheus: { url } (add one, or drop the gate)`,
    );
  }
  const now = Date.now();
  for (const gate of gates) {
    const query = renderQuery(expressionOf(gate, prometheus, source), { startMs: now - 60_000, endMs: now });
    const result = await queryInstant(prometheus, query, now / 1000);
    if (result.ok) continue;
    if (result.problem === 'denied')
      throw new TollgateError(
        'TG_PROMETHEUS_UNREACHABLE',
        `${result.message}, needed by gate ${gate.metric.name}: check environments.${source.env}.prometheus.headers`,
      );
    if (result.problem === 'unreachable')
      throw new TollgateError(
        'TG_PROMETHEUS_UNREACHABLE',
        `${result.message}, needed by gate ${gate.metric.name}`,
      );
    if (result.problem === 'invalid')
      throw new TollgateError(
        'TG_PROMQL_INVALID',
        `${source.where}: gate ${gate.metric.name}: invalid PromQL ${JSON.stringify(query)}: ${result.message}`,
      );
  }
}

/**
 * After the run: waits one scrape interval (so the run's last samples are
 * scraped), then evaluates each gate's query at the window's end. A query
 * that measured nothing (unreachable, an error, no series, several series)
 * fails its gate, or passes it with `notMeasured: 'pass'`, with one note
 * naming the query.
 */
export async function measurePromqlGates(options: {
  prometheus: ResolvedPrometheus | undefined;
  gates: ParsedGate[];
  source: PromqlSource;
  scope: string;
  window: QueryWindow;
  signal?: AbortSignal;
}): Promise<GateResult[]> {
  const { prometheus, gates, source, scope, window } = options;
  if (gates.length === 0) return [];
  if (!prometheus) return gates.map((g) => notMeasured(g, scope, 'fail', 'no prometheus configured', ''));
  await sleep(prometheus.scrapeIntervalSec * 1000, undefined, { signal: options.signal }).catch(() => {});
  const time = Math.round(window.endMs / 1000);
  const results: GateResult[] = [];
  for (const gate of gates) {
    const query = renderQuery(expressionOf(gate, prometheus, source), window);
    const outcome = await queryInstant(prometheus, query, time);
    if (!outcome.ok) {
      results.push(notMeasured(gate, scope, prometheus.notMeasured, outcome.message, query, time));
      continue;
    }
    const [judged] = evaluateGates({ values: { [gate.metric.name]: outcome.value } }, [gate], scope);
    results.push({
      ...judged,
      note: `query ${query} at ${unixSeconds(window.endMs)}`,
      promql: { query, time },
    });
  }
  return results;
}

function notMeasured(
  gate: ParsedGate,
  scope: string,
  policy: 'fail' | 'pass',
  reason: string,
  query: string,
  time = 0,
): GateResult {
  const asked = query ? ` (query ${query})` : '';
  return {
    name: gate.metric.name,
    scope,
    threshold: gate.threshold.text,
    measured: null,
    measuredText: 'not measured',
    verdict: policy,
    note: `not measured: ${reason}${asked}${policy === 'pass' ? "; passes by notMeasured: 'pass'" : ''}`,
    ...(query ? { promql: { query, time } } : {}),
  };
}

function expressionOf(gate: ParsedGate, prometheus: ResolvedPrometheus, source: PromqlSource): string {
  const ref = gate.metric.promql;
  if (ref && 'expr' in ref) return ref.expr;
  const name = ref?.query ?? '';
  const expr = prometheus.queries[name];
  if (expr !== undefined) return expr;
  const known = Object.keys(prometheus.queries);
  throw new TollgateError(
    'TG_CONFIG_INVALID',
    `${source.where}: gate ${gate.metric.name} names no query of environments.${source.env}.prometheus.queries (known: ${known.join(', ') || 'none'})`,
  );
}
