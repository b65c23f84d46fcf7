/**
 * How often `tollgate compare` is wrong, on real albums-api processes on
 * 127.0.0.1, and writes bench/results/compare.md:
 * - A/A: BENCH_AA_RUNS (default 20) compares of two identical processes, one
 *   seed each, BENCH_AA_SECONDS (default 10) of the spec's read mix at 50 rps
 *   per side: the false roll-back rate.
 * - A/B: the same baseline against candidates slowed by the extra-delay-ms
 *   fault (ALBUMS_EXTRA_DELAY_MS in BENCH_AB_STEPS, default 1,2,3),
 *   BENCH_AB_REPS (default 3) compares of BENCH_AB_SECONDS (default 60: the
 *   issue's "within 60 s of traffic") each: the smallest shift rolled back in
 *   every rep, against the baseline's p95 (the goal: 10% of p95).
 * Each traffic run is judged twice: with compare's defaults (the candidate may
 * be max(10% of the baseline median, 2 ms) slower) and with no allowed
 * effect at all (the bare 98% test), to show what the effect floor buys.
 * A benchmark, not a test: the machine is small and shared.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { compareDefaults } from '../../src/compare/defaults.ts';
import { runInterleaved } from '../../src/compare/interleaved-traffic.ts';
import { judgeTraffic } from '../../src/compare/run-compare.ts';
import type { CompareResult } from '../../src/compare/types.ts';
import { loadSpec } from '../../src/spec/load-spec.ts';
import { readMix } from '../../src/traffic/read-mix.ts';
import { type AlbumsApi, startAlbumsApi } from '../../test/support/albums-server.ts';
import { fmt, median } from '../load/tools.ts';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const aaRuns = env('BENCH_AA_RUNS', 20);
const aaSeconds = env('BENCH_AA_SECONDS', 10);
const abReps = env('BENCH_AB_REPS', 3);
const abSeconds = env('BENCH_AB_SECONDS', 60);
const steps = (process.env.BENCH_AB_STEPS ?? '1,2,3').split(',').map(Number);
const rate = 50;

const spec = await loadSpec(join(import.meta.dirname, '../../specs/albums.openapi.yaml'), {
  cwd: process.cwd(),
});
const { requests } = readMix(spec);
const bare = { latency: { allowedIncrease: 0, allowedMs: 0 } };

interface Judged {
  defaults: CompareResult;
  bare: CompareResult;
}

async function compareOnce(baseline: AlbumsApi, candidate: AlbumsApi, seconds: number, seed: number) {
  const options = {
    baseline: { url: baseline.baseURL, headers: {} },
    candidate: { url: candidate.baseURL, headers: {} },
    basePath: spec.basePath,
    requests,
    rate,
    durationMs: seconds * 1000,
    seed,
  };
  const traffic = await runInterleaved({
    sides: { baseline: options.baseline, candidate: options.candidate },
    basePath: options.basePath,
    requests,
    rate,
    durationMs: options.durationMs,
    seed,
    reservoir: compareDefaults.reservoir,
    timeoutMs: 10_000,
  });
  const startedAt = new Date();
  return {
    defaults: judgeTraffic(traffic, options, startedAt),
    bare: judgeTraffic(traffic, { ...options, metrics: bare }, startedAt),
  } satisfies Judged;
}

const rolledBack = (r: CompareResult) => r.verdict.decision === 'rollback';
const latency = (r: CompareResult) => r.metrics.filter((m) => m.metric === 'latency');
/** Median over operations of a latency metric's field. */
const opMedian = (r: CompareResult, pick: (m: CompareResult['metrics'][number]) => number | undefined) =>
  median(
    latency(r)
      .map(pick)
      .filter((v): v is number => Number.isFinite(v)),
  );

const out: string[] = [];
const say = (line = '') => {
  out.push(line);
  console.log(line);
};

const baseline = await startAlbumsApi();
const twin = await startAlbumsApi();
const load0 = loadavg()[0];
say('# Compare: false roll-backs (A/A) and the smallest shift caught (A/B)');
say();
say(
  `albums-api on 127.0.0.1, the spec's read mix (${new Set(requests.map((r) => r.op)).size} operations), ${rate} rps to each side, interleaved; ` +
    `${cpus().length} CPUs, load average ${load0.toFixed(1)} at the start, node ${process.version}. ` +
    `Latency from each arrival's scheduled send. "defaults": the candidate may be max(10% of the baseline median, ${compareDefaults.metrics.latency.allowedMs} ms) slower; ` +
    '"bare": no allowed effect, only the 98% interval (what the effect floor buys).',
);
say();

const aa: Judged[] = [];
for (let seed = 1; seed <= aaRuns; seed++) {
  aa.push(await compareOnce(baseline, twin, aaSeconds, seed));
  console.error(`A/A ${seed}/${aaRuns}: ${aa.at(-1)!.defaults.verdict.decision}`);
}
const p95s = aa.map((r) => opMedian(r.defaults, (m) => m.baseline.p95));
const p50s = aa.map((r) => opMedian(r.defaults, (m) => m.baseline.p50));
const baselineP95 = median(p95s);
const rateOf = (runs: CompareResult[]) => runs.filter(rolledBack).length / runs.length;
say(`## A/A: two identical processes, ${aaRuns} runs of ${aaSeconds} s (seeds 1..${aaRuns})`);
say();
say('| judge | false roll-backs | rate | median score | median HL shift, ms (median over operations) |');
say('| --- | --- | --- | --- | --- |');
for (const judge of ['defaults', 'bare'] as const) {
  const runs = aa.map((r) => r[judge]);
  say(
    `| ${judge} | ${runs.filter(rolledBack).length} of ${runs.length} | ${fmt(rateOf(runs) * 100, 0)}% | ${fmt(median(runs.map((r) => r.verdict.score)), 0)} | ${fmt(median(runs.map((r) => opMedian(r, (m) => m.effect))), 3)} |`,
  );
}
const why = aa.flatMap((r) => r.defaults.verdict.reasons);
say();
say(
  `Baseline latency (median over runs of the median over operations): p50 ${fmt(median(p50s), 2)} ms, p95 ${fmt(baselineP95, 2)} ms.` +
    (why.length ? ` Defaults rolled back because: ${why.slice(0, 3).join('; ')}.` : ''),
);
say();

say(
  `## A/B: candidate slowed by extra-delay-ms, ${abReps} runs of ${abSeconds} s per step (seeds 101..${100 + abReps})`,
);
say();
say(
  '| extra delay, ms | ratio to baseline p95 | rolled back (defaults) | rolled back (bare) | median HL shift, ms | median 98% CI lower bound, ms |',
);
say('| --- | --- | --- | --- | --- | --- |');
let smallest: Record<'defaults' | 'bare', number | undefined> = { defaults: undefined, bare: undefined };
for (const step of steps) {
  const slow = await startAlbumsApi({
    faults: ['extra-delay-ms'],
    env: { ALBUMS_EXTRA_DELAY_MS: String(step) },
  });
  const runs: Judged[] = [];
  for (let rep = 1; rep <= abReps; rep++) {
    runs.push(await compareOnce(baseline, slow, abSeconds, 100 + rep));
    console.error(`A/B ${step} ms ${rep}/${abReps}: ${runs.at(-1)!.defaults.verdict.decision}`);
  }
  await slow.stop();
  const caught = (judge: 'defaults' | 'bare') => runs.filter((r) => rolledBack(r[judge])).length;
  for (const judge of ['defaults', 'bare'] as const)
    if (caught(judge) === runs.length && smallest[judge] === undefined)
      smallest = { ...smallest, [judge]: step };
  say(
    `| ${step} | ${fmt(step / baselineP95, 2)} | ${caught('defaults')} of ${runs.length} | ${caught('bare')} of ${runs.length} | ${fmt(median(runs.map((r) => opMedian(r.defaults, (m) => m.effect))), 2)} | ${fmt(median(runs.map((r) => opMedian(r.defaults, (m) => m.lower))), 2)} |`,
  );
}
await Promise.all([baseline.stop(), twin.stop()]);
const goal = 0.1 * baselineP95;
say();
const line = (judge: 'defaults' | 'bare') => {
  const s = smallest[judge];
  return s === undefined
    ? `${judge}: no step was caught in every run`
    : `${judge}: ${s} ms, ${fmt(s / baselineP95, 2)} x the baseline p95 (goal 0.10 x = ${fmt(goal, 2)} ms)`;
};
say(
  `Smallest shift rolled back in every run, within ${abSeconds} s of traffic: ${line('defaults')}; ${line('bare')}.`,
);
const aaShift = median(aa.map((r) => Math.abs(opMedian(r.bare, (m) => m.effect))));
say(
  `extra-delay-ms sleeps whole milliseconds, so no step below 1 ms can be tried. Under the defaults a shift is caught only once its interval clears the ${compareDefaults.metrics.latency.allowedMs} ms floor, by design: the A/A pairs above differ by a median absolute shift of ${fmt(aaShift, 3)} ms, and the bare test rolls back ${fmt(rateOf(aa.map((r) => r.bare)) * 100, 0)}% of them.`,
);
say(`Load average at the end ${loadavg()[0].toFixed(1)}.`);
mkdirSync(join(import.meta.dirname, '../results'), { recursive: true });
writeFileSync(join(import.meta.dirname, '../results/compare.md'), `${out.join('\n')}\n`);
