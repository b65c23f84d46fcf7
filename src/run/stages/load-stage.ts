import { resolve } from 'node:path';
import { validateResponse } from '../../checks/validate-response.ts';
import type { ResolvedEnvironment } from '../../config/types.ts';
import { TollgateError } from '../../errors/tollgate-error.ts';
import { gatesVerdict } from '../../gates/evaluate-gates.ts';
import { loadProfile } from '../../load/load-profile.ts';
import { runLoad } from '../../load/run-load.ts';
import { buildSchedule, type Overrides, type ScheduleInput } from '../../load/stages.ts';
import type { LoadResult } from '../model.ts';
import type { StageOutcome, StageRunner } from './types.ts';

/**
 * `{ load: 'smoke' }`: one load profile against the environment, gates from
 * the profile for this environment (or `gatesFrom`). A readOnly environment
 * takes load only when `allowLoad`, capped by maxRate and maxDurationSec.
 */
export const loadStage: StageRunner = async (ctx, stage) => {
  if (typeof stage !== 'object' || !('load' in stage))
    throw new Error(`load stage given ${JSON.stringify(stage)}`);
  const { target } = ctx;
  const profile = await loadProfile(stage.load, {
    loadDir: target.config.loadDir,
    cwd: ctx.root,
    spec: target.spec,
  });
  const overrides = loadCaps(target.env, target.envName, profile.options);
  let lastLog = 0;
  const report = await runLoad({
    profile,
    env: stage.gatesFrom ?? target.envName,
    baseURL: target.baseURL,
    headers: target.headers,
    spec: target.spec,
    overrides,
    validate: (operation, exchange) => validateResponse(target.spec, operation, exchange).length,
    signal: ctx.signal,
    onSecond: (point, elapsedMs, totalMs) => {
      if (elapsedMs - lastLog < 5000) return;
      lastLog = elapsedMs;
      ctx.log(
        `  ${Math.round(elapsedMs / 1000)}s/${Math.round(totalMs / 1000)}s  ${point.rps} rps  p99 ${point.p99.toFixed(1)}ms`,
      );
    },
  });
  const result = toLoadResult(report);
  // a profile outside the project (e.g. --config in another folder) is named by its absolute path
  if (result.source.startsWith('..')) result.source = resolve(ctx.root, result.source);
  return loadOutcome(result);
};

/** Only the shared model's fields go into run.json; the engine's extras stay in its own report. */
function toLoadResult(report: LoadResult): LoadResult {
  const {
    profile,
    source,
    model,
    startedAt,
    durationMs,
    warmupMs,
    aborted,
    totals,
    perOperation,
    selfCheck,
    gates,
    histograms,
  } = report;
  const timeline = report.timeline.map(({ t, rps, p50, p95, p99, errors }) => ({
    t,
    rps,
    p50,
    p95,
    p99,
    errors,
  }));
  const result: LoadResult = {
    profile,
    source,
    model,
    startedAt,
    durationMs,
    warmupMs,
    totals,
    perOperation,
    timeline,
    selfCheck,
    gates,
    histograms,
  };
  if (aborted) result.aborted = aborted;
  return result;
}

export function loadOutcome(load: LoadResult): StageOutcome {
  const verdict = gatesVerdict(load.gates);
  const t = load.totals;
  const summary = `${t.requests} requests, ${t.rps.toFixed(1)} rps, p99 ${t.latencyMs.p99.toFixed(2)}ms, errors ${(t.errors.rate * 100).toFixed(2)}%${load.gates.length === 0 ? ', no gates for this environment' : ''}`;
  return {
    verdict: verdict === 'pass' ? 'pass' : 'fail',
    summary: verdict === 'unreliable' ? `${summary} (gates unreliable)` : summary,
    gates: load.gates,
    load,
  };
}

/** The environment's safety caps as engine overrides; refuses load where it is not allowed. */
export function loadCaps(env: ResolvedEnvironment, envName: string, options: ScheduleInput): Overrides {
  if (env.readOnly && !env.allowLoad) {
    throw new TollgateError(
      'TG_UNSAFE_TARGET',
      `environments.${envName} is readOnly without allowLoad: load stages may not run there`,
    );
  }
  const overrides: Overrides = {};
  const schedule = buildSchedule(options);
  if (env.maxRate !== undefined) {
    if (options.model === 'closed') {
      throw new TollgateError(
        'TG_UNSAFE_TARGET',
        `environments.${envName}.maxRate caps arrival rate, but this profile uses the closed model (no rate): use an open-model profile here`,
      );
    }
    const peak = Math.max(...schedule.stages.map((s) => Math.max(s.fromRate, s.toRate)));
    if (peak > env.maxRate) overrides.rate = env.maxRate;
  }
  const measuredSec = (schedule.totalMs - schedule.warmupMs) / 1000;
  if (env.maxDurationSec !== undefined && measuredSec > env.maxDurationSec)
    overrides.durationSec = env.maxDurationSec;
  return overrides;
}
