import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { validateResponse } from '../../checks/validate-response.ts';
import { ExitCode } from '../../errors/exit-codes.ts';
import { gatesVerdict } from '../../gates/evaluate-gates.ts';
import { progressLabel } from '../../load/format-summary.ts';
import { loadProfile } from '../../load/profile/load-profile.ts';
import { runLoad, targetStopped } from '../../load/run-load.ts';
import { applyLoadLimits } from '../../load/safety/safety.ts';
import { preparePromqlGates, runWindow } from '../../prometheus/prepare-promql-gates.ts';
import { formatMs } from '../../report/format.ts';
import { type LoadResult, leftoverText, p99Text } from '../model.ts';
import type { StageOutcome, StageRunner } from './types.ts';

/**
 * `{ load: 'smoke' }`: one load profile against the environment, gates from
 * the profile for this environment (or `gatesFrom`). The environment's load
 * limits (readOnly/allowLoad, maxRate, maxDurationSec, same host) apply as
 * in `tollgate load`.
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
  const { overrides, notes } = applyLoadLimits(
    { ...target.env, name: target.envName },
    profile,
    {},
    target.baseURL,
  );
  for (const note of notes) ctx.log(`  ${note}`);
  const gatesEnv = stage.gatesFrom ?? target.envName;
  const promql = await preparePromqlGates(target.env.prometheus, profile.options.gates?.[gatesEnv], {
    env: target.envName,
    where: `${profile.source}: gates.${gatesEnv}`,
  });
  let lastLog = 0;
  const report = await runLoad({
    profile,
    env: gatesEnv,
    baseURL: target.baseURL,
    headers: target.headers,
    spec: target.spec,
    overrides,
    envelope: target.env.contract.envelope,
    secrets: target.secrets,
    validate: (operation, exchange) => validateResponse(target.spec, operation, exchange).length,
    signal: ctx.signal,
    onSecond: (point, elapsedMs, totalMs) => {
      if (elapsedMs - lastLog < 5000) return;
      lastLog = elapsedMs;
      ctx.log(
        `  ${Math.round(elapsedMs / 1000)}s/${Math.round(totalMs / 1000)}s  ${point.rps} rps  p99 ${point.p99.toFixed(1)}ms ${progressLabel(profile.options.model)}`,
      );
    },
  });
  if (promql.gates.length > 0 && !ctx.signal.aborted) {
    ctx.log(`  waiting ${target.env.prometheus?.scrapeIntervalSec}s (one scrape) before querying Prometheus`);
    const window = runWindow(report.startedAt, report.durationMs);
    report.gates.push(...(await promql.measure(`load:${report.profile}`, window, ctx.signal)));
  }
  const result = toLoadResult(report);
  // a profile outside the project (e.g. --config in another folder) is named by its absolute path
  if (result.source.startsWith('..')) result.source = resolve(ctx.root, result.source);
  // What was measured is kept, also when the target died halfway (the first load stage gets load.json).
  const file = existsSync(join(ctx.runDir, 'load.json')) ? `load-${report.profile}.json` : 'load.json';
  writeFileSync(join(ctx.runDir, file), `${JSON.stringify(report, null, 2)}\n`);
  const outcome = loadOutcome(result);
  if (notes.length > 0) outcome.summary += ` (${notes.join('; ')})`;
  return outcome;
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
    cleanup,
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
  if (cleanup) result.cleanup = cleanup;
  return result;
}

export function loadOutcome(load: LoadResult): StageOutcome {
  const verdict = gatesVerdict(load.gates);
  const t = load.totals;
  const summary = `${t.requests} requests, ${t.rps.toFixed(1)} rps, ${p99Text(t, formatMs)}, errors ${(t.errors.rate * 100).toFixed(2)}%${load.gates.some((g) => g.name === 'gates' && g.measuredText === 'none') ? '; not judged: no gates for this environment' : ''}`;
  if (load.aborted?.reason.startsWith(targetStopped)) {
    // Nothing after the target died was measured: the stage did not pass, and the run stops here.
    return {
      verdict: 'error',
      summary: `${summary}; aborted`,
      error: load.aborted.reason,
      gates: load.gates,
      load,
      aborted: load.aborted,
      exitCode: ExitCode.Unreachable,
    };
  }
  // A failed stage names its failing gates: "errors 0.00%" alone reads like a pass.
  const failing = load.gates.filter((g) => g.verdict === 'fail');
  const failedText = failing.length
    ? `; failed: ${failing.map((g) => `${g.name} ${g.measuredText} (want ${g.threshold})`).join(', ')}`
    : '';
  // Litter on the server is no pass (gate cleanup.leftover fails), as in the contract stage.
  const left = leftoverText(load.cleanup);
  const litter = left ? `; INCOMPLETE: ${left}` : '';
  return {
    verdict: verdict === 'pass' ? 'pass' : 'fail',
    summary: (verdict === 'unreliable' ? `${summary} (gates unreliable)` : summary + failedText) + litter,
    gates: load.gates,
    load,
  };
}
