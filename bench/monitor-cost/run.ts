/**
 * What `tollgate monitor` costs per probe cycle on a 100-operation spec: CPU
 * time and resident memory of the monitor process, against two peers that
 * send the same 100 requests per cycle without checking anything:
 * - a plain Node loop (`fetch`, one request at a time, body read): the same
 *   runtime, so the difference is what the contract checks and /metrics add;
 * - a shell loop running `curl` per request (what a cron'd smoke script does):
 *   its CPU is the shell's plus every curl's (the children it waited for).
 * Each runs BENCH_CYCLES cycles (default 12) back to back; the first two are
 * warm-up. CPU per cycle is read from /proc/<pid>/stat (utime+stime, plus
 * cutime+cstime for the shell) at every cycle boundary, RSS from
 * /proc/<pid>/status. Medians, and ratios to the Node loop. A benchmark, not
 * a test: the shared machine makes timings noisy.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { bigSpec } from '../../test/support/big-spec.ts';

const operations = 100;
const cycles = Number(process.env.BENCH_CYCLES ?? 12);
const warmup = 2;
const root = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'tollgate-bench-monitor-'));
const ticksPerSecond = 100; // Linux USER_HZ

/** CPU seconds of a process so far (with its waited-for children when asked), and its RSS in MiB. */
function usage(pid: number, children: boolean): { cpu: number; rssMiB: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[11..14] are utime, stime, cutime, cstime (stat fields 14-17)
  const own = Number(fields[11]) + Number(fields[12]);
  const kids = children ? Number(fields[13]) + Number(fields[14]) : 0;
  const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return { cpu: (own + kids) / ticksPerSecond, rssMiB: Number(rss) / 1024 };
}

interface Result {
  cpuMs: number[];
  rssMiB: number[];
}

/** Runs `child` until it has printed `cycles` lines matching `marker`, sampling at each. */
function measure(child: ChildProcess, marker: RegExp, children: boolean): Promise<Result> {
  const result: Result = { cpuMs: [], rssMiB: [] };
  let seen = 0;
  let last = 0;
  let text = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      text += chunk;
      const lines = text.split('\n');
      text = lines.pop() ?? '';
      for (const line of lines) {
        if (!marker.test(line) || child.pid === undefined) continue;
        seen++;
        const u = usage(child.pid, children);
        if (seen > warmup) {
          result.cpuMs.push((u.cpu - last) * 1000);
          result.rssMiB.push(u.rssMiB);
        }
        last = u.cpu;
        if (seen >= cycles + warmup) {
          child.kill('SIGTERM');
          resolve(result);
        }
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      if (seen < cycles + warmup) reject(new Error(`exited with ${code} after ${seen} cycles`));
    });
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const server = createServer((req, res) => {
  const id = Number(/\/(\d+)$/.exec(req.url ?? '')?.[1] ?? 0);
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ id, name: `item ${id}`, tags: ['a', 'b'] }));
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
const specFile = join(dir, 'bench.openapi.json');
writeFileSync(specFile, JSON.stringify(bigSpec(operations, 0, { example: 1 })));
const urls = Array.from({ length: operations }, (_, i) => `${base}/items${i}/1`);
writeFileSync(join(dir, 'urls.txt'), `${urls.join('\n')}\n`);
// Back to back: an interval shorter than a cycle starts the next at once.
const interval = '100ms';

const runs: [string, () => ChildProcess, RegExp, boolean][] = [
  [
    'tollgate monitor (contract checks, /metrics)',
    () =>
      spawn(
        process.execPath,
        [
          join(root, 'bin/tollgate.js'),
          'monitor',
          '--spec',
          specFile,
          '--base-url',
          base,
          '--interval',
          interval,
          '--rate-limit',
          '1000',
          '--max-requests',
          String(operations),
          '--port',
          '0',
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      ),
    /^cycle \d+: /,
    false,
  ],
  [
    'plain Node fetch loop (no checks)',
    () =>
      spawn(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `const urls = ${JSON.stringify(urls)};
for (;;) { for (const u of urls) { const r = await fetch(u); await r.text(); } console.log('cycle'); }`,
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      ),
    /^cycle$/,
    false,
  ],
  [
    'shell loop of curl (no checks)',
    () =>
      spawn(
        'bash',
        [
          '-c',
          `while true; do while read -r u; do curl -s -o /dev/null "$u"; done < ${join(dir, 'urls.txt')}; echo cycle; done`,
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      ),
    /^cycle$/,
    true,
  ],
];

const rows: { name: string; cpu: number; rss: number }[] = [];
try {
  for (const [name, start, marker, children] of runs) {
    const r = await measure(start(), marker, children);
    rows.push({ name, cpu: median(r.cpuMs), rss: median(r.rssMiB) });
    console.log(
      `${name}: ${median(r.cpuMs).toFixed(1)} ms CPU, ${median(r.rssMiB).toFixed(1)} MiB RSS per cycle`,
    );
  }
} finally {
  server.close();
  rmSync(dir, { recursive: true, force: true });
}
const node = rows[1];
const out = [
  '# Monitor cost per probe cycle',
  '',
  `${operations} GET operations per cycle (one request each, answered by a Node http server in the bench process), ${cycles} cycles after ${warmup} of warm-up, back to back; ${cpus().length} CPUs, load average ${loadavg()[0].toFixed(1)}, node ${process.version}. CPU is user+system time of the process (the shell loop: with its curl children), 10 ms resolution; RSS sampled at each cycle's end (the shell loop's is the shell's own: each curl is a short-lived process of its own).`,
  '',
  '| what | median CPU ms / cycle | median RSS MiB | CPU vs Node loop | RSS vs Node loop |',
  '| --- | --- | --- | --- | --- |',
  ...rows.map(
    (r) =>
      `| ${r.name} | ${r.cpu.toFixed(1)} | ${r.rss.toFixed(1)} | ${(r.cpu / node.cpu).toFixed(2)}x | ${(r.rss / node.rss).toFixed(2)}x |`,
  ),
  '',
].join('\n');
console.log(out);
mkdirSync(join(import.meta.dirname, '../results'), { recursive: true });
writeFileSync(join(import.meta.dirname, '../results/monitor-cost.md'), out);
