import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;

export interface MonitorProcess {
  /** `http://127.0.0.1:<port>/metrics` */
  url: string;
  /** `127.0.0.1:<port>`, as Prometheus's `instance` label names it. */
  instance: string;
  /** When the monitor said it was serving (ms since the epoch). */
  startedAt: number;
  child: ChildProcess;
  stderr(): string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts the real CLI's `tollgate monitor --port 0` (without `--port` when
 * `port: 'config'`: the config's port) and waits for its "serving <url>" line.
 */
export function startMonitor(
  args: string[],
  options: { cwd?: string; port?: 'config' } = {},
): Promise<MonitorProcess> {
  const port = options.port === 'config' ? [] : ['--port', '0'];
  const child = spawn(process.execPath, [join(root, 'bin/tollgate.js'), 'monitor', ...port, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
    cwd: options.cwd,
  });
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`monitor did not start in 60s: ${stderr}`)), 60_000);
    child.stderr?.on('data', (chunk) => {
      stderr += chunk;
      const match = /serving (http:\/\/(127\.0\.0\.1:\d+)\/metrics)/.exec(stderr);
      if (!match || !timer) return;
      clearTimeout(timer);
      resolve({
        url: match[1],
        instance: match[2],
        startedAt: Date.now(),
        child,
        stderr: () => stderr,
        stop: async () => {
          if (child.exitCode === null) child.kill('SIGTERM');
          return exited;
        },
      });
    });
    void exited.then((code) => reject(new Error(`monitor exited with ${code}: ${stderr}`)));
  });
}

/** The sample lines of one metric in a /metrics page. */
export async function metricLines(url: string, name: string): Promise<string[]> {
  const text = await (await fetch(url)).text();
  return text.split('\n').filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `));
}
