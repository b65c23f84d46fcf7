import { evaluateGates } from '../gates/evaluate-gates.ts';
import { loadFloor } from '../gates/load-floor.ts';
import { parseGateSet } from '../gates/parse-gates.ts';
import { encodeHistogram } from '../load/metrics/histogram.ts';
import { gateValues, toLoadMetrics } from '../load/metrics/load-metrics.ts';
import { Recorder } from '../load/metrics/recorder.ts';
import { RequestPlan, type ScenarioInput } from '../load/plan/request-plan.ts';
import type { LoadedProfile } from '../load/profile/loaded-profile.ts';
import { buildSchedule, stageAt } from '../load/profile/stages.ts';
import type { LoadReport } from '../load/types.ts';
import type { LoadedSpec } from '../spec/types.ts';
import type { K6File, K6Samples } from './read-k6-json.ts';

export interface ImportedRun {
  report: LoadReport;
  /** One line each: where k6's own counts and tollgate's differ, what was not measured. */
  notices: string[];
}

/**
 * The samples of every pod as one run, judged as a whole: each
 * http_req_duration point goes into the same HDR histograms (total and per
 * `name` tag) the engines fill, so merged percentiles are those of one
 * histogram of every value; failures are counted by tollgate's rule (any
 * 2xx or the step's `expect`), which the exported script also gives k6.
 * The schedule's warm-up (and, with `gateWindow: 'steady'`, non-steady
 * stages) is left out of totals and gates, timed from the first sample.
 */
export function judgeK6Run(input: {
  files: K6File[];
  /** Every file's http_req_duration points. */
  samples: K6Samples;
  profile: LoadedProfile;
  env: string;
  spec?: LoadedSpec;
}): ImportedRun {
  const { profile, env } = input;
  const p = profile.options;
  const schedule = buildSchedule(p);
  const gateWindow = p.gateWindow ?? 'measured';
  const plan = new RequestPlan(p.requests as ScenarioInput[], {
    spec: input.spec,
    prefix: '',
    headers: {},
    seed: 1,
  });
  const recorder = new Recorder(false, plan.expectedStatuses());
  const { samples } = input;
  const order = samples.byTime();
  const t0 = samples.time(order[0]);
  const last = schedule.stages[schedule.stages.length - 1];
  let second = 1;
  let answerless = 0;
  let httpErrors = 0;
  for (const i of order) {
    const t = samples.time(i) - t0;
    while (t >= second * 1000) recorder.tick(second++);
    const stage = stageAt(schedule, t) ?? last;
    const counted = gateWindow === 'steady' ? stage.kind === 'steady' : stage.kind !== 'warmup';
    const name = samples.name(i);
    const status = samples.status(i);
    if (status === 0) {
      answerless++;
      recorder.error(name, samples.timedOut(i) ? 'timeout' : 'connection', counted);
    } else {
      // Answered requests tollgate counts as failed, over the whole run (k6 counts warm-up too).
      if (recorder.isUnexpected(name, status)) httpErrors++;
      recorder.response(name, status, samples.ms(i) * 1000, undefined, counted);
    }
  }
  recorder.tick(second);
  const durationMs = samples.time(order[order.length - 1]) - t0;
  const windowMs = schedule.stages
    .filter((s) => (gateWindow === 'steady' ? s.kind === 'steady' : s.kind !== 'warmup'))
    .reduce((sum, s) => sum + (s.endMs - s.startMs), 0);
  const seconds = Math.max(0.001, windowMs / 1000);
  const gates = parseGateSet(p.gates?.[env], `${profile.source}: gates.${env}`);
  const totals = toLoadMetrics(recorder.total, seconds);
  const dropped = input.files.reduce((sum, f) => sum + f.droppedIterations, 0);
  const problems =
    dropped > 0 ? [`k6 dropped ${dropped} iterations (no free VU to start them): raise maxVUs`] : [];
  const results = evaluateGates(
    {
      values: gateValues(recorder, gates, seconds),
      unreliable: problems.length ? `generator self-check failed: ${problems.join('; ')}` : undefined,
    },
    gates,
    `load:${profile.name}`,
  );
  results.push(
    ...loadFloor({
      profile: profile.name,
      source: profile.source,
      env,
      gates: gates.length,
      requests: recorder.total.requests,
      unexpected: recorder.total.http,
      statusCodes: recorder.total.statusCodes,
    }),
  );
  const notices: string[] = [];
  const k6Failed = input.files.reduce((sum, f) => sum + f.failed, 0);
  const allFailed = answerless + httpErrors;
  if (k6Failed !== allFailed)
    notices.push(
      `k6's http_req_failed counted ${k6Failed} failures, tollgate's rule ${allFailed} (warm-up included): was the script exported from this profile?`,
    );
  const report: LoadReport = {
    profile: profile.name,
    source: profile.source,
    env,
    model: p.model,
    startedAt: new Date(t0).toISOString(),
    durationMs,
    warmupMs: schedule.warmupMs,
    totals,
    perOperation: [...recorder.perOp.entries()].map(([operation, s]) => ({
      operation,
      ...toLoadMetrics(s, seconds),
    })),
    timeline: recorder.timeline.filter((pt) => pt.t > schedule.warmupMs / 1000),
    selfCheck: { ok: problems.length === 0, problems, achievedRps: totals.rps },
    gates: results,
    histograms: {
      uncorrected: encodeHistogram(recorder.total.latency),
      perOperation: Object.fromEntries(
        [...recorder.perOp].map(([op, s]) => [op, encodeHistogram(s.latency)]),
      ),
    },
    dropped,
    peakConnections: 0,
    gateWindow,
  };
  return { report, notices };
}
