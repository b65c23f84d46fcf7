import { evaluateGates } from '../gates/evaluate-gates.ts';
import { loadFloor } from '../gates/load-floor.ts';
import type { ParsedGate } from '../gates/types.ts';
import type { CleanupSummary } from './cleanup/delete-created.ts';
import { encodeHistogram } from './metrics/histogram.ts';
import { gateValues, toLoadMetrics } from './metrics/load-metrics.ts';
import type { Recorder } from './metrics/recorder.ts';
import type { SelfCheck } from './safety/self-check.ts';
import type { LoadReport } from './types.ts';

export interface LoadReportInput {
  profile: { name: string; source: string };
  env: string;
  model: 'open' | 'closed';
  startedAt: Date;
  durationMs: number;
  warmupMs: number;
  aborted?: { reason: string };
  /** Every request of the run (all worker threads, or all shards, merged). */
  recorder: Recorder;
  /** Seconds the gated window lasted: rates are requests over it. */
  measuredSec: number;
  check: SelfCheck;
  /** The gates tollgate judges (PromQL ones are judged by the caller); `written` counts them all. */
  gates: ParsedGate[];
  written: number;
  dropped: number;
  peakConnections: number;
  /** Worker threads of one process; merged shards leave it out. */
  threads?: number;
  sendsPer100ms?: number[];
  gateWindow: 'measured' | 'steady';
  cleanup?: CleanupSummary;
}

/**
 * A measured run as a `LoadReport`: totals, per-operation metrics, the
 * timeline after warm-up, HDR histograms and the gate table. The one
 * judgement of one process's run and of merged shards alike.
 */
export function buildLoadReport(input: LoadReportInput): LoadReport {
  const { recorder, measuredSec, check, model } = input;
  const gateResults = evaluateGates(
    {
      values: gateValues(recorder, input.gates, measuredSec),
      unreliable: check.ok ? undefined : `generator self-check failed: ${check.problems.join('; ')}`,
      // Closed model: a generator at full CPU only adds delay and sends less, so a pass still holds.
      passesStand:
        model === 'closed' &&
        check.problems.every((problem) => problem.startsWith('generator CPU saturated')),
      sentAll: check.problems.every((problem) => /^generator (CPU saturated|fell behind)/.test(problem)),
    },
    input.gates,
    `load:${input.profile.name}`,
  );
  gateResults.push(
    ...loadFloor({
      profile: input.profile.name,
      source: input.profile.source,
      env: input.env,
      gates: input.written,
      requests: recorder.total.requests,
      unexpected: recorder.total.http,
      statusCodes: recorder.total.statusCodes,
      leftover: input.cleanup && { count: input.cleanup.leftover, reasons: input.cleanup.leftoverReasons },
    }),
  );
  // Latency gates judge the corrected latency in the open model: say so wherever the value is shown.
  for (const g of gateResults)
    if (model === 'open' && g.name.startsWith('latency') && g.measured !== null)
      g.measuredText += ' corrected';
  const warmupSec = input.warmupMs / 1000;
  return {
    profile: input.profile.name,
    source: input.profile.source,
    env: input.env,
    model,
    startedAt: input.startedAt.toISOString(),
    durationMs: Math.round(input.durationMs),
    warmupMs: input.warmupMs,
    aborted: input.aborted,
    totals: toLoadMetrics(recorder.total, measuredSec),
    perOperation: [...recorder.perOp.entries()].map(([operation, s]) => ({
      operation,
      ...toLoadMetrics(s, measuredSec),
    })),
    timeline: recorder.timeline.filter((pt) => pt.t > warmupSec),
    selfCheck: check,
    gates: gateResults,
    histograms: {
      uncorrected: encodeHistogram(recorder.total.latency),
      corrected: recorder.total.corrected ? encodeHistogram(recorder.total.corrected) : undefined,
      perOperation: Object.fromEntries(
        [...recorder.perOp.entries()].map(([op, s]) => [op, encodeHistogram(s.corrected ?? s.latency)]),
      ),
    },
    dropped: input.dropped,
    peakConnections: input.peakConnections,
    threads: input.threads,
    sendsPer100ms: model === 'open' ? input.sendsPer100ms : undefined,
    gateWindow: input.gateWindow,
    cleanup: input.cleanup,
  };
}
