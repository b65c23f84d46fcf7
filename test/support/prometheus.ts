import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './nginx.ts';

/** Debian's Prometheus and Pushgateway, started per test file on loopback ports with temporary folders. */
const prometheusBinary = '/usr/bin/prometheus';
export const promtoolBinary = '/usr/bin/promtool';
const pushgatewayBinary = '/usr/bin/prometheus-pushgateway';

export interface Daemon {
  url: string;
  stop(): Promise<void>;
}

async function waitReady(
  url: string,
  child: ChildProcess,
  output: () => string,
  readyStatuses = [200],
): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url} exited with ${child.exitCode}: ${output()}`);
    try {
      if (readyStatuses.includes((await fetch(url)).status)) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} not ready in 20s: ${output()}`);
}

function start(
  binary: string,
  args: string[],
  ready: (base: string) => string,
  base: string,
  dir: string,
  readyStatuses = [200],
) {
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d) => (output = (output + d).slice(-4000)));
  child.stderr?.on('data', (d) => (output = (output + d).slice(-4000)));
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  return waitReady(ready(base), child, () => output, readyStatuses).then(
    (): Daemon => ({ url: base, stop }),
    async (error) => {
      await stop();
      throw error;
    },
  );
}

/** The Pushgateway; with `basicAuth` behind its own web config (exporter-toolkit's `basic_auth_users`, a bcrypt hash). */
export async function startPushgateway(
  options: { basicAuth?: { user: string; bcrypt: string } } = {},
): Promise<Daemon> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-pushgateway-'));
  const base = `http://127.0.0.1:${port}`;
  const auth = options.basicAuth;
  if (auth) writeFileSync(join(dir, 'web.yml'), `basic_auth_users:\n  ${auth.user}: ${auth.bcrypt}\n`);
  return start(
    pushgatewayBinary,
    [
      `--web.listen-address=127.0.0.1:${port}`,
      `--persistence.file=${join(dir, 'pushgateway.data')}`,
      ...(auth ? [`--web.config.file=${join(dir, 'web.yml')}`] : []),
    ],
    // /-/ready is behind the basic auth too; a 401 still says it is up.
    (b) => `${b}/-/ready`,
    base,
    dir,
    auth ? [200, 401] : [200],
  );
}

export interface PrometheusOptions {
  /** job name -> `host:port` targets scraped every second. */
  jobs: Record<string, string[]>;
  /** Rule files loaded (evaluated every second). */
  ruleFiles?: string[];
}

export async function startPrometheus(options: PrometheusOptions): Promise<Daemon> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-prometheus-'));
  const jobs = Object.entries(options.jobs)
    .map(
      ([job, targets]) =>
        `  - job_name: ${JSON.stringify(job)}\n    static_configs:\n      - targets: ${JSON.stringify(targets)}\n`,
    )
    .join('');
  const rules = (options.ruleFiles ?? []).map((f) => `  - ${JSON.stringify(f)}\n`).join('');
  writeFileSync(
    join(dir, 'prometheus.yml'),
    `global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n${rules ? `rule_files:\n${rules}` : ''}scrape_configs:\n${jobs}`,
  );
  const base = `http://127.0.0.1:${port}`;
  return start(
    prometheusBinary,
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    (b) => `${b}/-/ready`,
    base,
    dir,
  );
}

export interface Sample {
  metric: Record<string, string>;
  value: [number, string];
}

/** One instant query through Prometheus's HTTP API; a query error throws with Prometheus's message. */
export async function query(prometheus: Daemon, expr: string): Promise<Sample[]> {
  const response = await fetch(`${prometheus.url}/api/v1/query?query=${encodeURIComponent(expr)}`);
  const body = (await response.json()) as { status: string; error?: string; data: { result: Sample[] } };
  if (body.status !== 'success') throw new Error(`${expr}: ${body.error}`);
  return body.data.result;
}

/** Polls `query` until `done` says yes or `ms` pass; returns the last result either way. */
export async function queryUntil(
  prometheus: Daemon,
  expr: string,
  done: (samples: Sample[]) => boolean,
  ms: number,
): Promise<Sample[]> {
  const deadline = Date.now() + ms;
  let samples = await query(prometheus, expr);
  while (!done(samples) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500));
    samples = await query(prometheus, expr);
  }
  return samples;
}
