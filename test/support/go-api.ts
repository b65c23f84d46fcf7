import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

/** One of the reference Gin APIs under examples/: its folder, env prefix and readiness path. */
export interface GoApiDefinition {
  name: 'albums-api' | 'admin-api';
  /** ALBUMS_ADDR, ALBUMS_TOKEN, ALBUMS_FAULTS / ADMIN_... */
  envPrefix: 'ALBUMS' | 'ADMIN';
  readyPath: string;
}

export interface GoApi {
  baseURL: string;
  token: string;
  /** Resolves when the process exits. */
  exited: Promise<number | null>;
  process: ChildProcess;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Fault switches (ALBUMS_FAULTS / ADMIN_FAULTS), e.g. ['wrong-type']. */
  faults?: string[];
  /** Extra environment, e.g. { ALBUMS_METHOD_NOT_ALLOWED: '1' }. */
  env?: Record<string, string>;
}

const examples = resolve(import.meta.dirname, '../../examples');

export const binaryOf = (api: GoApiDefinition): string => join(examples, api.name, 'bin', api.name);

/** Newest mtime of the module's Go sources, subpackages included (bin/ and docs/ aside). */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'bin' && entry.name !== 'docs') newest = Math.max(newest, newestSource(path));
    } else if (entry.name.endsWith('.go') || entry.name === 'go.mod' || entry.name === 'go.sum') {
      newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

/** Builds the Go binary when it is missing or older than a Go source file. */
export function ensureGoApiBuilt(api: GoApiDefinition): string {
  const dir = join(examples, api.name);
  const binary = binaryOf(api);
  if (!existsSync(binary) || statSync(binary).mtimeMs < newestSource(dir)) {
    execFileSync('go', ['build', '-o', `bin/${api.name}`, '.'], { cwd: dir, stdio: 'inherit' });
  }
  return binary;
}

/** Starts the API on a free loopback port with a random token and waits until readyPath answers. */
export async function startGoApi(api: GoApiDefinition, options: StartOptions = {}): Promise<GoApi> {
  const binary = ensureGoApiBuilt(api);
  const token = randomBytes(12).toString('hex');
  const p = api.envPrefix;
  const child = spawn(binary, [], {
    env: {
      ...process.env,
      [`${p}_ADDR`]: '127.0.0.1:0',
      [`${p}_TOKEN`]: token,
      [`${p}_FAULTS`]: (options.faults ?? []).join(','),
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
    const timer = setTimeout(() => fail(new Error(`${api.name} did not start in 15s: ${stderr}`)), 15_000);
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
      fail(new Error(`${api.name} exited with ${code}: ${stderr}`));
    });
  });
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(`${baseURL}${api.readyPath}`).then(
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
