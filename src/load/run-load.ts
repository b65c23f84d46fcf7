import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Envelope, Secret } from '../config/types.ts';
import { evaluateGates } from '../gates/evaluate-gates.ts';
import { parseGateSet } from '../gates/parse-gates.ts';
import type { GateSet, ParsedGate } from '../gates/types.ts';
import type { LoadedSpec } from '../spec/types.ts';
import type { CreatedResources } from './cleanup/created-ledger.ts';
import { type CleanupSummary, deleteCreated } from './cleanup/delete-created.ts';
import { runClosedModel } from './engines/closed-engine.ts';
import type { EngineContext, EngineOutcome } from './engines/engine.ts';
import { runLoadWorkers } from './engines/load-workers.ts';
import { runOpenModel } from './engines/open-engine.ts';
import { prepareRun } from './engines/prepare-run.ts';
import { buildLoadReport } from './load-report.ts';
import { gateValues, toLoadMetrics } from './metrics/load-metrics.ts';
import { snapshotRecorder, type TimelinePoint } from './metrics/recorder.ts';
import type { ResponseValidator } from './plan/contract-sampler.ts';
import type { LoadedProfile } from './profile/loaded-profile.ts';
import { type Overrides, plannedArrivals, type Schedule } from './profile/stages.ts';
import { type SelfCheckInput, selfCheck } from './safety/self-check.ts';
import { arrivalShare, type Shard } from './shard/shard.ts';
import type { LoadReport } from './types.ts';

/** How an abort caused by the target (not by Ctrl-C or abortOnFail) begins its reason. */
export const targetStopped = 'target stopped answering';

export interface RunLoadOptions {
  profile: LoadedProfile;
  /** Environment name: picks the profile's gates. */
  env: string;
  baseURL: string;
  /** Auth and environment headers; sent, never reported. */
  headers?: Record<string, string>;
  spec?: LoadedSpec;
  overrides?: Overrides;
  /** Validates sampled responses. Default: the spec's response-conformance checks when `spec` is given; false turns sampling off. */
  validate?: ResponseValidator | false;
  /** How the API wraps answers (`contract.envelope`, as the contract run reads them): cleanup reads creates and DELETEs through it. */
  envelope?: Envelope | false;
  /** Known credentials: cleanup's curls show their variable, never the value. */
  secrets?: readonly Secret[];
  signal?: AbortSignal;
  /** This process's slice of a run split over n processes (`--shard i/n`); its report carries `shard` for `tollgate merge`. */
  shard?: Shard;
  /** Called once a second with the closing second and progress. */
  onSecond?: (point: TimelinePoint, elapsedMs: number, totalMs: number) => void;
}

/**
 * Runs one load profile against one base URL and returns the report: totals,
 * per-operation metrics, the per-second timeline, the generator's self-check,
 * HDR histograms and the gate table. Never throws for what the server does
 * (refused connections are counted); stopping via `signal` returns what ran.
 */
export async function runLoad(options: RunLoadOptions): Promise<LoadReport> {
  const p = options.profile.options;
  const written = parseGateSet(p.gates?.[options.env], `${options.profile.source}: gates.${options.env}`);
  // PromQL gates read Prometheus after the run (src/prometheus/); the caller judges them.
  const gates = written.filter((g) => g.metric.family !== 'promql');
  const { schedule, url, plan, recorder, sampler, gateWindow, counted, created, prefix } =
    prepareRun(options);
  const workers = threadCount(options.profile, schedule);

  const stop = new AbortController();
  let aborted: { reason: string } | undefined;
  const onAbort = () => {
    aborted ??= { reason: String((options.signal?.reason as Error | undefined)?.message ?? 'interrupted') };
    stop.abort();
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) onAbort();

  const startedAt = new Date();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const abortRule = abortOnFail(p.abortOnFail);
  let breachedFor = 0;
  let second = 0;
  let answered = 0;
  let refused = 0;
  let silentFor = 0;
  const ticker = setInterval(() => {
    second++;
    const point = recorder.tick(second);
    options.onSecond?.(point, performance.now() - t0, schedule.totalMs);
    // A target that only refuses connections is gone: stop measuring the reconnect loop.
    const t = recorder.total;
    silentFor = t.requests === answered && t.connection > refused ? silentFor + 1 : 0;
    answered = t.requests;
    refused = t.connection;
    if (silentFor >= 2 && !aborted) {
      aborted = {
        reason: `${targetStopped}: ${t.connection} connection errors and no answer for ${silentFor}s`,
      };
      stop.abort();
    }
    if (!abortRule || gates.length === 0 || second * 1000 < schedule.warmupMs + abortRule.graceSec * 1000)
      return;
    const sec = Math.max(0.001, (performance.now() - t0 - schedule.warmupMs) / 1000);
    const failing = evaluateGates({ values: gateValues(recorder, gates, sec) }, gates).filter(
      (g) => g.verdict === 'fail',
    );
    breachedFor = failing.length ? breachedFor + 1 : 0;
    if (breachedFor >= abortRule.afterSec && !aborted) {
      aborted = {
        reason: `gate ${failing[0].name} ${failing[0].threshold} breached for ${breachedFor}s (abortOnFail)`,
      };
      stop.abort();
    }
  }, 1000);

  const ctx: EngineContext = {
    plan,
    url,
    schedule,
    recorder,
    sampler,
    counted,
    t0,
    timeoutMs: p.timeoutMs ?? 10_000,
    maxConnections:
      p.model === 'open'
        ? Math.ceil(
            openConnections(p.connections, options.overrides?.connections, schedule) /
              (options.shard?.of ?? 1),
          )
        : 0,
    share: p.model === 'open' && options.shard ? arrivalShare(options.shard) : undefined,
    signal: stop.signal,
    created,
  };
  let outcome: EngineOutcome & { created?: CreatedResources };
  try {
    if (workers > 1) {
      clearInterval(ticker);
      // The threads' numbers merge only at the end: a target gone silent is seen in their summed seconds.
      let silent = 0;
      outcome = await runLoadWorkers(options, workers, recorder, stop.signal, (point, elapsedMs, totalMs) => {
        options.onSecond?.(point, elapsedMs, totalMs);
        silent = point.rps === 0 && point.errors > 0 ? silent + 1 : 0;
        if (silent >= 2 && !aborted) {
          aborted = {
            reason: `${targetStopped}: ${point.errors} failed requests and no answer for ${silent}s`,
          };
          stop.abort();
        }
      });
    } else outcome = p.model === 'open' ? await runOpenModel(ctx) : await runClosedModel(ctx);
  } finally {
    clearInterval(ticker);
    options.signal?.removeEventListener('abort', onAbort);
  }
  const durationMs = performance.now() - t0;
  const cpuUsed = process.cpuUsage(cpu0);
  const made =
    outcome.created ??
    (created && options.spec ? created.resolve(options.spec, prefix, options.envelope) : undefined);
  const cleanup = made ? await cleanUp(made, options, url, aborted !== undefined) : undefined;
  if (workers === 1 && durationMs - second * 1000 > 300)
    recorder.tick(second + 1, (durationMs - second * 1000) / 1000);

  const measuredSec = measuredSeconds(schedule, durationMs, gateWindow);
  const totals = toLoadMetrics(recorder.total, measuredSec);
  const shard = options.shard && options.shard.of > 1 ? options.shard : undefined;
  const checkInput: SelfCheckInput = {
    model: p.model,
    // A shard plans every n-th arrival of the schedule.
    plannedRequests:
      p.model === 'open' && !aborted ? plannedInWindow(schedule, gateWindow) / (shard?.of ?? 1) : undefined,
    sentRequests: recorder.total.requests + recorder.total.timeouts + recorder.total.connection,
    measuredSec,
    // per thread: with N worker threads the process may use N cores
    cpu: (cpuUsed.user + cpuUsed.system) / 1000 / durationMs / workers,
    // Little's law only describes connections busy with answered requests; refused ones are the API's failure
    meanInFlight:
      p.model === 'closed' &&
      recorder.total.connection + recorder.total.timeouts <= recorder.total.requests * 0.01
        ? meanConnections(schedule, gateWindow)
        : undefined,
    meanLagMs: outcome.meanLagMs,
    achievedRps: totals.rps,
    meanLatencyMs: totals.latencyMs.mean,
    dropped: outcome.dropped,
    connectionErrorShare:
      totals.errors.connection /
      Math.max(1, totals.requests + totals.errors.connection + totals.errors.timeouts),
  };
  const report = buildLoadReport({
    profile: options.profile,
    env: options.env,
    model: p.model,
    startedAt,
    durationMs,
    warmupMs: schedule.warmupMs,
    aborted,
    recorder,
    measuredSec,
    check: selfCheck(checkInput),
    gates: gates as ParsedGate[],
    written: written.length,
    dropped: outcome.dropped,
    peakConnections: outcome.peakConnections,
    threads: workers,
    sendsPer100ms: recorder.sendsPer100ms,
    gateWindow,
    cleanup,
  });
  if (shard)
    report.shard = {
      ...shard,
      gates: (p.gates?.[options.env] ?? {}) as GateSet,
      overrides: options.overrides,
      measuredSec,
      selfCheckInput: checkInput,
      snapshot: snapshotRecorder(recorder),
    };
  return report;
}

/**
 * Deletes what the run created, after it (timed apart from it): 8 at a time
 * within 60 s, or 5 s when the run was stopped (Ctrl-C: a second one exits).
 */
function cleanUp(
  made: CreatedResources,
  options: RunLoadOptions,
  url: URL,
  stopped: boolean,
): Promise<CleanupSummary> {
  return deleteCreated(made, {
    origin: url.origin,
    headers: options.headers ?? {},
    concurrency: 8,
    budgetMs: stopped ? 5_000 : 60_000,
    timeoutMs: Math.min(options.profile.options.timeoutMs ?? 10_000, 10_000),
    envelope: options.envelope,
    secrets: options.secrets,
  });
}

function windowStages(schedule: Schedule, window: 'measured' | 'steady') {
  return schedule.stages.filter((s) => (window === 'steady' ? s.kind === 'steady' : s.kind !== 'warmup'));
}

function measuredSeconds(schedule: Schedule, durationMs: number, window: 'measured' | 'steady'): number {
  const planned = windowStages(schedule, window).reduce((sum, s) => sum + (s.endMs - s.startMs), 0);
  const ran = Math.max(0, Math.min(durationMs, schedule.totalMs) - schedule.warmupMs);
  return Math.max(0.001, Math.min(planned, window === 'steady' ? planned : ran) / 1000);
}

function plannedInWindow(schedule: Schedule, window: 'measured' | 'steady'): number {
  return plannedArrivals({ ...schedule, stages: windowStages(schedule, window) });
}

function meanConnections(schedule: Schedule, window: 'measured' | 'steady'): number {
  const stages = windowStages(schedule, window);
  const total = stages.reduce((sum, s) => sum + (s.endMs - s.startMs), 0);
  const weighted = stages.reduce(
    (sum, s) => sum + ((s.fromConnections + s.toConnections) / 2) * (s.endMs - s.startMs),
    0,
  );
  return total ? weighted / total : 0;
}

/**
 * Worker threads: open model as the profile says (default 1); closed model
 * as it says, else one per core, never more than the connections it holds
 * (each thread opens at least one). A closed profile held only in memory, or
 * one with abortOnFail (judged live on one recorder), runs on one thread unless
 * it asks for more.
 */
function threadCount(profile: LoadedProfile, schedule: Schedule): number {
  const p = profile.options;
  if (p.model === 'open') return p.workers ?? 1;
  const held = Math.min(...schedule.stages.map((s) => s.toConnections));
  const wanted = p.workers ?? (profile.file && !p.abortOnFail ? availableParallelism() : 1);
  return Math.max(1, Math.min(wanted, held));
}

/** Open model connection cap: explicit, else rate/20 between 8 and 512. */
function openConnections(
  profile: number | undefined,
  override: number | undefined,
  schedule: Schedule,
): number {
  if (override ?? profile) return (override ?? profile)!;
  const peak = Math.max(0, ...schedule.stages.map((s) => Math.max(s.fromRate, s.toRate)));
  return Math.min(512, Math.max(8, Math.ceil(peak / 20)));
}

function abortOnFail(option: boolean | { graceSec?: number; afterSec?: number } | undefined) {
  if (!option) return undefined;
  const o = option === true ? {} : option;
  return { graceSec: o.graceSec ?? 5, afterSec: o.afterSec ?? 3 };
}
