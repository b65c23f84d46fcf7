import { setTimeout as sleep } from 'node:timers/promises';
import type { ResolvedPrometheus } from '../config/types.ts';
import { TollgateError } from '../errors/tollgate-error.ts';
import { parseGateSet } from '../gates/parse-gates.ts';
import type { GateSet, ParsedGate } from '../gates/types.ts';
import type { GateResult, MetricResult } from '../run/model.ts';
import { runWindow } from './prepare-promql-gates.ts';
import {
  assertQuery,
  expressionOf,
  judgeQuery,
  type PromqlSource,
  promqlGatesOf,
  requirePrometheus,
} from './promql-gates.ts';
import { type QueryWindow, renderQuery } from './render-query.ts';

type Side = 'baseline' | 'candidate';
const sides: Side[] = ['baseline', 'candidate'];

/** The PromQL gates of a comparison, checked before its traffic and judged per side after it. */
export interface ComparePromql {
  gates: ParsedGate[];
  /** Waits one scrape interval, then judges each gate on both sides: one compare metric per gate. */
  measure(window: QueryWindow, signal?: AbortSignal): Promise<MetricResult[]>;
}

/**
 * `{{side}}` is `baseline` or `candidate` (for a relabelled `track` or `job`
 * label, as Flagger's primary/canary), `{{instance}}` the side's `host:port`
 * as Prometheus's `instance` label names a scraped target.
 */
function sideLabels(side: Side, url: string): Record<string, string> {
  const u = new URL(url);
  return { side, instance: `${u.hostname}:${u.port || (u.protocol === 'https:' ? '443' : '80')}` };
}

/**
 * `tollgate compare --gate 'promql.error_ratio<0.01'`: the same query for
 * both sides (told apart by `{{side}}` or `{{instance}}`), or a named query
 * given as a `{ baseline, candidate }` pair. Before the traffic every side's
 * query is sent once (bad PromQL exit 2, Prometheus unreachable exit 3).
 * After it, the gate's threshold is judged on each side; the candidate's
 * result decides (a critical metric: a failing candidate rolls back), the
 * baseline's is shown beside it.
 */
async function prepareComparePromqlGates(
  prometheus: ResolvedPrometheus | undefined,
  gates: ParsedGate[],
  source: PromqlSource,
  urls: Record<Side, string>,
): Promise<ComparePromql> {
  const other = gates.find((g) => g.metric.family !== 'promql');
  if (other)
    throw new TollgateError(
      'TG_USAGE',
      `${source.where}: compare judges latency and errors per operation itself; its gates are PromQL only (promql.<name> or promql:<expr>), got ${other.metric.name}`,
    );
  const promql = promqlGatesOf(gates);
  if (promql.length === 0) return { gates: [], measure: async () => [] };
  const p = requirePrometheus(prometheus, promql, source);
  const render = (gate: ParsedGate, side: Side, window: QueryWindow) =>
    renderQuery(expressionOf(gate, p, source, side), window, sideLabels(side, urls[side]));
  const now = Date.now();
  for (const gate of promql)
    for (const side of sides)
      await assertQuery(p, render(gate, side, { startMs: now - 60_000, endMs: now }), gate, source, now);
  return {
    gates: promql,
    async measure(window, signal) {
      await sleep(p.scrapeIntervalSec * 1000, undefined, { signal }).catch(() => {});
      const metrics: MetricResult[] = [];
      for (const gate of promql) {
        const judged = {} as Record<Side, GateResult>;
        for (const side of sides)
          judged[side] = await judgeQuery(p, gate, render(gate, side, window), window, `compare:${side}`);
        metrics.push(compareMetric(gate, judged));
      }
      return metrics;
    },
  };
}

/** One gate on both sides as a compare metric: the candidate's verdict is its class. */
function compareMetric(gate: ParsedGate, judged: Record<Side, GateResult>): MetricResult {
  const { baseline: b, candidate: c } = judged;
  const name = gate.metric.name;
  const threshold = gate.threshold.text;
  const shown = (r: GateResult) =>
    r.measured === null ? 'not measured' : `${r.measuredText} ${r.verdict === 'pass' ? 'passes' : 'fails'}`;
  let reason: string;
  if (c.measured === null)
    reason = `${name} ${threshold}: the candidate's ${c.note ?? 'query measured nothing'}`;
  else if (c.verdict === 'pass')
    reason = `${name}: candidate ${shown(c)} ${threshold} (baseline ${shown(b)})`;
  else
    reason = `${name}: candidate ${shown(c)} ${threshold} (baseline ${shown(b)}${b.verdict === 'fail' && b.measured !== null ? ' too: the gate fails both sides' : ''})`;
  const summary = (r: GateResult) => ({
    samples: 0,
    requests: 0,
    ...(r.measured === null ? {} : { value: r.measured }),
  });
  return {
    metric: 'promql',
    op: name,
    // A gate that measured nothing fails unless notMeasured: 'pass' made it pass.
    class: c.verdict === 'pass' ? 'pass' : 'high',
    critical: true,
    weight: 1,
    baseline: summary(b),
    candidate: summary(c),
    ...(b.measured !== null && c.measured !== null ? { effect: c.measured - b.measured } : {}),
    reason,
    promql: { threshold, baseline: b, candidate: c },
  };
}

/**
 * compareTargets' `afterTraffic` for these gates: none, nothing; else one
 * scrape interval's wait (said in one line), then each gate judged on both
 * sides over the traffic's own window. Shared by `tollgate compare` and the
 * `compare` stage.
 */
export function afterCompareTraffic(
  promql: ComparePromql,
  prometheus: ResolvedPrometheus | undefined,
  log: (line: string) => void,
  signal?: AbortSignal,
): (traffic: { startedAt: string; durationMs: number }) => Promise<MetricResult[]> {
  return async (traffic) => {
    if (promql.gates.length === 0) return [];
    log(`note: waiting ${prometheus?.scrapeIntervalSec}s (one scrape) before querying Prometheus`);
    return promql.measure(runWindow(traffic.startedAt, traffic.durationMs), signal);
  };
}

/**
 * The comparison's PromQL gates, prepared: `--gate`'s when given (they
 * replace the config's), else the environment's `compare.gates`. Shared by
 * `tollgate compare` and the `compare` stage.
 */
export function comparePromqlFor(
  prometheus: ResolvedPrometheus | undefined,
  envName: string,
  gates: { flags?: GateSet; config?: GateSet },
  urls: Record<Side, string>,
): Promise<ComparePromql> {
  const where = gates.flags ? '--gate' : `environments.${envName}.compare.gates`;
  return prepareComparePromqlGates(
    prometheus,
    parseGateSet(gates.flags ?? gates.config ?? {}, where),
    { env: envName, where },
    urls,
  );
}
