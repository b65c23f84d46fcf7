/**
 * The closed model on worker threads against its peers, in one run, on the
 * reference API at 127.0.0.1: tollgate (one thread per core, its default, and
 * one thread), wrk with as many threads as tollgate's default and with one,
 * and the raw autocannon CLI. Same connections, same duration, the order
 * rotated each round; medians and ratios to bench/results/closed-workers.md.
 * The machine is small and shared: read ratios, not absolute numbers.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { startAlbumsApi } from '../../test/support/albums-server.ts';
import {
  fmt,
  type Measured,
  median,
  runAutocannon,
  runTollgate,
  runWrk,
  tollgateMeasured,
} from '../load/tools.ts';

const reps = Number(process.env.BENCH_REPS ?? 3);
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = 32;
const threads = availableParallelism();
const started = Date.now();
const out: string[] = [];
const say = (line = '') => {
  out.push(line);
  console.log(line);
};

const api = await startAlbumsApi();
const url = `${api.baseURL}/v1/albums/1`;
const profile = (workers?: number) => ({
  model: 'closed',
  connections,
  duration: seconds,
  ...(workers ? { workers } : {}),
  requests: [{ path: '/v1/albums/{id}', method: 'get', params: { path: { id: 1 } } }],
});
const tools: Record<string, () => Promise<Measured & { threads?: number }>> = {
  [`tollgate (default: ${threads} threads)`]: async () =>
    tollgateMeasured(await runTollgate(api.baseURL, profile(), true)),
  'tollgate (1 thread)': async () => tollgateMeasured(await runTollgate(api.baseURL, profile(1), true)),
  [`wrk -t${threads}`]: () => runWrk(url, connections, seconds, threads),
  'wrk -t1': () => runWrk(url, connections, seconds, 1),
  autocannon: () => runAutocannon(url, connections, seconds),
};
const names = Object.keys(tools);
const rows = Object.fromEntries(
  names.map((n) => [n, { rps: [] as number[], p50: [] as number[], p99: [] as number[] }]),
);
try {
  for (let i = 0; i < reps; i++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(k + i) % names.length];
      const m = await tools[name]();
      rows[name].rps.push(m.rps);
      rows[name].p50.push(m.p50Ms);
      rows[name].p99.push(m.p99Ms);
    }
  }
} finally {
  await api.stop();
}

say('# Closed model on worker threads');
say();
say(
  `Run ${new Date(started).toISOString()} on ${cpus().length} cores (${cpus()[0]?.model.trim()}), load average ${loadavg()
    .map((v) => v.toFixed(2))
    .join(' ')} at the end.`,
);
say('The machine is shared with other engineers while this runs: compare ratios within one run.');
say();
say(
  `One GET /v1/albums/1, ${connections} connections, ${seconds}s, ${reps} runs each, order rotated per round.`,
);
say();
say('| tool | median rps | runs (rps) | median p50 ms | median p99 ms |');
say('| --- | ---: | --- | ---: | ---: |');
for (const name of names) {
  const r = rows[name];
  say(
    `| ${name} | ${fmt(median(r.rps), 0)} | ${r.rps.map((v) => fmt(v, 0)).join(', ')} | ${fmt(median(r.p50), 3)} | ${fmt(median(r.p99), 3)} |`,
  );
}
const [tgDefault, tgOne, wrkN, wrk1, ac] = names.map((n) => rows[n]);
const ratio = (a: number[], b: number[]) => median(a) / median(b);
// Back-to-back runs of one round share the machine's mood better than medians over the whole run do.
const paired = (a: number[], b: number[]) => median(a.map((v, i) => v / b[i]));
say();
say(
  `- throughput, tollgate (${threads} threads) / wrk -t${threads}: **${fmt(ratio(tgDefault.rps, wrkN.rps))}x** of medians, ${fmt(paired(tgDefault.rps, wrkN.rps))}x per round (goal >= 0.9)`,
);
say(
  `- p50, tollgate (${threads} threads) / wrk -t${threads}: **${fmt(ratio(tgDefault.p50, wrkN.p50))}x** (goal <= 1.2)`,
);
say(
  `- throughput, tollgate (${threads} threads) / autocannon CLI: **${fmt(ratio(tgDefault.rps, ac.rps))}x**`,
);
say(`- throughput, tollgate ${threads} threads / 1 thread: **${fmt(ratio(tgDefault.rps, tgOne.rps))}x**`);
say(
  `- throughput, tollgate 1 thread / wrk -t1: ${fmt(ratio(tgOne.rps, wrk1.rps))}x; p50 ${fmt(ratio(tgOne.p50, wrk1.p50))}x`,
);
say();
say(`Took ${Math.round((Date.now() - started) / 1000)} s.`);
const dir = join(import.meta.dirname, '../results');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'closed-workers.md'), `${out.join('\n')}\n`);
