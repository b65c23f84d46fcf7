import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

/** The reference Gin API under examples/albums-api, built once and started per test file. */
const apiDir = resolve(import.meta.dirname, '../../examples/albums-api');
export const albumsBinary = join(apiDir, 'bin', 'albums-api');

export interface AlbumsApi {
  baseURL: string;
  token: string;
  /** Resolves when the process exits. */
  exited: Promise<number | null>;
  process: ChildProcess;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Fault switches (ALBUMS_FAULTS), e.g. ['wrong-type']. */
  faults?: string[];
  /** Extra environment, e.g. { ALBUMS_METHOD_NOT_ALLOWED: '1' }. */
  env?: Record<string, string>;
}

/** Builds the Go binary when it is missing or older than a Go source file. */
export function ensureAlbumsApiBuilt(): string {
  const newestSource = Math.max(
    ...readdirSync(apiDir)
      .filter((f) => f.endsWith('.go') || f === 'go.mod' || f === 'go.sum')
      .map((f) => statSync(join(apiDir, f)).mtimeMs),
  );
  if (!existsSync(albumsBinary) || statSync(albumsBinary).mtimeMs < newestSource) {
    execFileSync('go', ['build', '-o', 'bin/albums-api', '.'], { cwd: apiDir, stdio: 'inherit' });
  }
  return albumsBinary;
}

/** Starts the API on a free loopback port and waits until /readyz answers. */
export async function startAlbumsApi(options: StartOptions = {}): Promise<AlbumsApi> {
  ensureAlbumsApiBuilt();
  const token = randomBytes(12).toString('hex');
  const child = spawn(albumsBinary, [], {
    env: {
      ...process.env,
      ALBUMS_ADDR: '127.0.0.1:0',
      ALBUMS_TOKEN: token,
      ALBUMS_FAULTS: (options.faults ?? []).join(','),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const baseURL = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`albums-api did not start in 15s: ${stderr}`)), 15_000);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = /listening on (http:\/\/\S+)/.exec(line);
      if (match) {
        clearTimeout(timer);
        done(match[1]);
      }
    });
    exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`albums-api exited with ${code}: ${stderr}`));
    });
  });
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(`${baseURL}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    baseURL,
    token,
    exited,
    process: child,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
