/**
 * Load benchmarks: tollgate against its peers on the reference API, all on
 * 127.0.0.1, each peer in the same run. Repeats each measurement (BENCH_REPS,
 * default 3) and reports medians and ratios; writes bench/results/load.md.
 * The machine is small and shared: read ratios, not absolute numbers.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { type AlbumsApi, startAlbumsApi } from '../../test/support/albums-server.ts';
import {
  fmt,
  median,
  runAutocannon,
  runTollgate,
  runWrk,
  type TollgateRun,
  tollgateMeasured,
} from './tools.ts';

const reps = Number(process.env.BENCH_REPS ?? 3);
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = 32;
const out: string[] = [];
const say = (line = '') => {
  out.push(line);
  console.log(line);
};

const getOne = { path: '/v1/albums/{id}', method: 'get', params: { path: { id: 1 } } };

async function throughputAndLatency(api: AlbumsApi) {
  const url = `${api.baseURL}/v1/albums/1`;
  const closed = (c: number, s: number) => ({
    model: 'closed',
    connections: c,
    duration: s,
    requests: [getOne],
  });
  const rows: Record<string, { rps: number[]; p50: number[]; p99: number[] }> = {};
  const add = (tool: string, m: { rps: number; p50Ms: number; p99Ms: number }) => {
    rows[tool] ??= { rps: [], p50: [], p99: [] };
    rows[tool].rps.push(m.rps);
    rows[tool].p50.push(m.p50Ms);
    rows[tool].p99.push(m.p99Ms);
  };
  for (let i = 0; i < reps; i++) {
    // rotate the order so no tool always runs first on a warm or cold server
    const order = [0, 1, 2].map((k) => (k + i) % 3);
    for (const k of order) {
      if (k === 0)
        add('tollgate', tollgateMeasured(await runTollgate(api.baseURL, closed(connections, seconds))));
      if (k === 1) add('autocannon', await runAutocannon(url, connections, seconds));
      if (k === 2) add('wrk', await runWrk(url, connections, seconds));
    }
  }
  say(
    `## (a) Max throughput, one GET /v1/albums/1, ${connections} connections, ${seconds}s, ${reps} runs each`,
  );
  say();
  say('| tool | median rps | runs (rps) | median p50 ms | median p99 ms |');
  say('| --- | ---: | --- | ---: | ---: |');
  for (const [tool, r] of Object.entries(rows)) {
    say(
      `| ${tool} | ${fmt(median(r.rps), 0)} | ${r.rps.map((v) => fmt(v, 0)).join(', ')} | ${fmt(median(r.p50), 3)} | ${fmt(median(r.p99), 3)} |`,
    );
  }
  const t = median(rows.tollgate.rps);
  // Runs of one round are back to back: their ratio shares the machine's mood better than medians do.
  const paired = (peer: string) => median(rows.tollgate.rps.map((v, i) => v / rows[peer].rps[i]));
  say();
  say(
    `- tollgate / autocannon CLI: **${fmt(t / median(rows.autocannon.rps))}x** of medians, ${fmt(paired('autocannon'))}x median of per-round ratios (target >= 0.95)`,
  );
  say(
    `- tollgate / wrk -t1: **${fmt(t / median(rows.wrk.rps))}x** of medians, ${fmt(paired('wrk'))}x median of per-round ratios (target >= 0.85)`,
  );
  say();

  // (b) latency agreement at light closed loads, where latency is mostly the API's, not the generator's queue
  say(
    `## (b) Latency agreement with wrk --latency (1 and 4 connections, 3s, ${reps} runs; ${connections} from (a))`,
  );
  say();
  say('| load | tollgate p50 ms | wrk p50 ms | tollgate p99 ms | wrk p99 ms | p50 ratio |');
  say('| --- | ---: | ---: | ---: | ---: | ---: |');
  let p50Ratio = Number.NaN;
  for (const c of [1, 4]) {
    const light = {
      tollgate: { p50: [] as number[], p99: [] as number[] },
      wrk: { p50: [] as number[], p99: [] as number[] },
    };
    for (let i = 0; i < reps; i++) {
      const tg = tollgateMeasured(await runTollgate(api.baseURL, closed(c, 3)));
      const wrk = await runWrk(url, c, 3);
      light.tollgate.p50.push(tg.p50Ms);
      light.tollgate.p99.push(tg.p99Ms);
      light.wrk.p50.push(wrk.p50Ms);
      light.wrk.p99.push(wrk.p99Ms);
    }
    p50Ratio = median(light.tollgate.p50) / median(light.wrk.p50);
    say(
      `| ${c} conn${c > 1 ? 's' : ''} | ${fmt(median(light.tollgate.p50), 3)} | ${fmt(median(light.wrk.p50), 3)} | ${fmt(median(light.tollgate.p99), 3)} | ${fmt(median(light.wrk.p99), 3)} | ${fmt(p50Ratio)} |`,
    );
  }
  say(
    `| ${connections} conns | ${fmt(median(rows.tollgate.p50), 3)} | ${fmt(median(rows.wrk.p50), 3)} | ${fmt(median(rows.tollgate.p99), 3)} | ${fmt(median(rows.wrk.p99), 3)} | ${fmt(median(rows.tollgate.p50) / median(rows.wrk.p50))} |`,
  );
  say();
  say(
    `- p50 within 20% of wrk's at 4 connections: **${Math.abs(p50Ratio - 1) <= 0.2 ? 'yes' : 'no'}** (ratio ${fmt(p50Ratio)})`,
  );
  say(
    `- autocannon CLI p50 at ${connections} connections (whole ms, its own histogram): ${fmt(median(rows.autocannon.p50), 3)} ms`,
  );
  say();
  return median(rows.tollgate.rps);
}

async function openAccuracy(api: AlbumsApi) {
  say(`## (c) Open-model accuracy (one GET, ${seconds}s, ${reps} runs per rate)`);
  say();
  say(
    '| target rps | median achieved (sent/s) | overall error | worst 1-s window error (median of runs) | dropped | self-check ok | corrected p99 ms |',
  );
  say('| ---: | ---: | ---: | ---: | ---: | --- | ---: |');
  const problems: string[] = [];
  for (const rate of [500, 2000, 10_000]) {
    const achieved: number[] = [];
    const worst: number[] = [];
    const drops: number[] = [];
    const checks: boolean[] = [];
    const p99: number[] = [];
    for (let i = 0; i < reps; i++) {
      const r = await runTollgate(api.baseURL, {
        model: 'open',
        rate,
        duration: seconds,
        requests: [getOne],
      });
      const sent = r.timeline.filter((p) => p.t <= seconds).map((p) => p.sent);
      const total = r.totals.requests + r.totals.errors.connection + r.totals.errors.timeouts;
      achieved.push(total / seconds);
      worst.push(Math.max(...sent.map((s) => Math.abs(s - rate) / rate)));
      drops.push(r.dropped);
      checks.push(r.selfCheck.ok);
      if (!r.selfCheck.ok) problems.push(`${rate} rps run ${i + 1}: ${r.selfCheck.problems.join('; ')}`);
      p99.push(r.totals.correctedLatencyMs?.p99 ?? Number.NaN);
    }
    const a = median(achieved);
    say(
      `| ${rate} | ${fmt(a, 1)} | ${fmt((Math.abs(a - rate) / rate) * 100)}% | ${fmt(median(worst) * 100)}% | ${median(drops)} | ${checks.join('/')} | ${fmt(median(p99), 3)} |`,
    );
  }
  say();
  say('- targets: within 2% overall and 10% in every one-second window');
  for (const p of problems) say(`- self-check: ${p}`);
  say();
}

async function stallTruth() {
  const every = 2000;
  const hold = 200;
  const api = await startAlbumsApi({
    faults: ['stall'],
    env: { ALBUMS_STALL_EVERY_MS: String(every), ALBUMS_STALL_MS: String(hold) },
  });
  try {
    const rate = 500;
    const runs: TollgateRun[] = [];
    for (let i = 0; i < Math.min(reps, 2); i++) {
      runs.push(
        await runTollgate(api.baseURL, {
          model: 'open',
          rate,
          connections: 8,
          duration: 10,
          requests: [getOne],
        }),
      );
    }
    // Arrivals at a constant rate land in a stall window with probability hold/every and wait
    // a uniform share of what is left of it: P(delay > x) = (hold/every) * (1 - x/hold).
    const truth = (p: number) => Math.max(0, hold * (1 - (1 - p / 100) / (hold / every)));
    say(
      `## (d) Stall fault: server holds every request for ${hold} ms every ${every} ms; open model ${rate} rps, 8 connections, 10 s`,
    );
    say();
    say('| percentile | server truth ms (+ service time) | corrected ms (median of runs) | uncorrected ms |');
    say('| --- | ---: | ---: | ---: |');
    const pick = (r: (typeof runs)[number], key: 'p50' | 'p95' | 'p99', corrected: boolean) =>
      corrected ? r.totals.correctedLatencyMs![key] : r.totals.latencyMs[key];
    for (const [key, p] of [
      ['p50', 50],
      ['p95', 95],
      ['p99', 99],
    ] as const) {
      say(
        `| ${key} | ${fmt(truth(p), 1)} | ${fmt(median(runs.map((r) => pick(r, key, true))), 1)} | ${fmt(median(runs.map((r) => pick(r, key, false))), 1)} |`,
      );
    }
    say();
  } finally {
    await api.stop();
  }
}

async function peakRss(api: AlbumsApi, rps: number) {
  const target = 1_000_000;
  const duration = Math.min(400, Math.ceil((target * 1.15) / Math.max(1000, rps)));
  const r = await runTollgate(api.baseURL, { model: 'closed', connections, duration, requests: [getOne] });
  say(`## (e) Peak RSS of the tollgate process over one long run`);
  say();
  say(
    `- ${r.totals.requests.toLocaleString('en')} requests in ${fmt(r.durationMs / 1000, 1)} s (${fmt(r.totals.rps, 0)} rps, ${duration}s planned)`,
  );
  say(
    `- peak RSS: **${fmt(r.maxRssMB, 1)} MB** (target < 300 MB${r.totals.requests < target ? '; fewer than 1,000,000 requests: the machine was slower than planned' : ''})`,
  );
  say();
}

async function main() {
  const started = new Date();
  say('# Load benchmarks');
  say();
  say(
    `Run ${started.toISOString()} on ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), load average ${loadavg()
      .map((v) => v.toFixed(2))
      .join(' ')} at start.`,
  );
  say(
    'The machine is shared with other engineers while this runs: absolute numbers are noisy; compare ratios within one run.',
  );
  say('Everything goes to 127.0.0.1 (the reference Gin API, examples/albums-api).');
  say();
  const api = await startAlbumsApi();
  try {
    const rps = await throughputAndLatency(api);
    await openAccuracy(api);
    await stallTruth();
    if (process.env.BENCH_SKIP_RSS !== '1') await peakRss(api, rps);
  } finally {
    await api.stop();
  }
  say(
    `Took ${fmt((Date.now() - started.getTime()) / 1000, 0)} s; load average at the end ${loadavg()
      .map((v) => v.toFixed(2))
      .join(' ')}.`,
  );
  const dir = join(import.meta.dirname, '../results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'load.md'), `${out.join('\n')}\n`);
}

await main();
