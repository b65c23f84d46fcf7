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

/** PromQL gates need the environment's `prometheus: { url }`: TG_CONFIG_INVALID (exit 2) without one. */
export function requirePrometheus(
  prometheus: ResolvedPrometheus | undefined,
  gates: ParsedGate[],
  source: PromqlSource,
): ResolvedPrometheus {
  if (prometheus) return prometheus;
  throw new TollgateError(
    'TG_CONFIG_INVALID',
    `${source.where}: gate "${gates[0].metric.name}" reads Prometheus, but environments.${source.env} has no prometheus: { url } (add one, or drop the gate)`,
  );
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
  const p = requirePrometheus(prometheus, gates, source);
  const now = Date.now();
  for (const gate of gates) {
    const expr = expressionOf(gate, p, source);
    if (/\{\{\s*(side|instance)\s*\}\}/.test(expr))
      throw new TollgateError(
        'TG_CONFIG_INVALID',
        `${source.where}: gate ${gate.metric.name} uses {{side}} or {{instance}}, which only tollgate compare fills in (one value per side)`,
      );
    await assertQuery(p, renderQuery(expr, { startMs: now - 60_000, endMs: now }), gate, source, now);
  }
}

/** Sends one rendered query once; what keeps it from measuring is an exit (2 invalid, 3 unreachable or denied). */
export async function assertQuery(
  prometheus: ResolvedPrometheus,
  query: string,
  gate: ParsedGate,
  source: PromqlSource,
  nowMs: number,
): Promise<void> {
  const result = await queryInstant(prometheus, query, nowMs / 1000);
  if (result.ok) return;
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
  const results: GateResult[] = [];
  for (const gate of gates)
    results.push(
      await judgeQuery(
        prometheus,
        gate,
        renderQuery(expressionOf(gate, prometheus, source), window),
        window,
        scope,
      ),
    );
  return results;
}

/** One rendered query evaluated at the window's end and judged by the gate's threshold. */
export async function judgeQuery(
  prometheus: ResolvedPrometheus,
  gate: ParsedGate,
  query: string,
  window: QueryWindow,
  scope: string,
): Promise<GateResult> {
  const time = Math.round(window.endMs / 1000);
  const outcome = await queryInstant(prometheus, query, time);
  if (!outcome.ok) return notMeasured(gate, scope, prometheus.notMeasured, outcome.message, query, time);
  const [judged] = evaluateGates({ values: { [gate.metric.name]: outcome.value } }, [gate], scope);
  return { ...judged, note: `query ${query} at ${unixSeconds(window.endMs)}`, promql: { query, time } };
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

/**
 * The gate's PromQL: inline, or the named query. A `{ baseline, candidate }`
 * pair is one query per side, which only `tollgate compare` (giving `side`)
 * reads.
 */
export function expressionOf(
  gate: ParsedGate,
  prometheus: ResolvedPrometheus,
  source: PromqlSource,
  side?: 'baseline' | 'candidate',
): string {
  const ref = gate.metric.promql;
  if (ref && 'expr' in ref) return ref.expr;
  const name = ref?.query ?? '';
  const expr = prometheus.queries[name];
  if (typeof expr === 'string') return expr;
  if (expr !== undefined && side) return expr[side];
  if (expr !== undefined)
    throw new TollgateError(
      'TG_CONFIG_INVALID',
      `${source.where}: gate ${gate.metric.name} names environments.${source.env}.prometheus.queries.${name}, a { baseline, candidate } pair that only tollgate compare reads; give this run a single query`,
    );
  const known = Object.keys(prometheus.queries);
  throw new TollgateError(
    'TG_CONFIG_INVALID',
    `${source.where}: gate ${gate.metric.name} names no query of environments.${source.env}.prometheus.queries (known: ${known.join(', ') || 'none'})`,
  );
}
