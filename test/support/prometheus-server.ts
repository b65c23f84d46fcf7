import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './nginx.ts';

const prometheusBinary = '/usr/bin/prometheus';

export interface PrometheusServer {
  url: string;
  process: ChildProcess;
  /** Runs an instant query now; returns the parsed `data`. */
  query(expr: string): Promise<{ resultType: string; result: unknown[] }>;
  stop(): Promise<void>;
}

/**
 * Starts the Debian Prometheus on a free loopback port with a temporary
 * config and data folder, scraping each job's target (`host:port`) every
 * second, and waits until every target is up.
 */
export async function startPrometheus(
  jobs: Record<string, string>,
  options: { basicAuth?: { user: string; bcrypt: string; password: string } } = {},
): Promise<PrometheusServer> {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-prometheus-'));
  const port = await freePort();
  const scrape = Object.entries(jobs)
    .map(([job, target]) => `  - job_name: ${job}\n    static_configs:\n      - targets: ['${target}']`)
    .join('\n');
  writeFileSync(
    join(dir, 'prometheus.yml'),
    `global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nscrape_configs:\n${scrape}\n`,
  );
  const auth = options.basicAuth;
  if (auth) writeFileSync(join(dir, 'web.yml'), `basic_auth_users:\n  ${auth.user}: ${auth.bcrypt}\n`);
  const child = spawn(
    prometheusBinary,
    [
      ...(auth ? [`--web.config.file=${join(dir, 'web.yml')}`] : []),
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const url = `http://127.0.0.1:${port}`;
  const query = async (expr: string) => {
    const headers: Record<string, string> = auth
      ? { authorization: `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}` }
      : {};
    const r = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(expr)}`, { headers });
    return ((await r.json()) as { data: { resultType: string; result: unknown[] } }).data;
  };
  const stop = async () => {
    child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      const up = await query('sum(up)');
      if (
        Number((up.result[0] as { value: [number, string] } | undefined)?.value[1]) ===
        Object.keys(jobs).length
      )
        break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      await stop();
      throw new Error(`prometheus did not come up with every target up in 20s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, process: child, query, stop };
}
