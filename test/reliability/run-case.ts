import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { ensureAlbumsApiBuilt } from '../support/albums-server.ts';
import type { ArtifactExpectation, ReliabilityCase, ServerSpec } from './case.ts';

const repo = resolve(import.meta.dirname, '../..');
const bin = join(repo, 'bin/tollgate.js');
const serversDir = join(import.meta.dirname, 'servers');

export interface CaseResult {
  code: number | null;
  stdout: string;
  stderr: string;
  dir: string;
  /** With `killTollgate`: the process it started was still running after `orphanGoneMs`. */
  orphanAlive?: boolean;
}

interface RunningServer {
  baseURL: string;
  token: string;
  process?: ChildProcess;
  stop(): Promise<void>;
}

/** Runs one case end to end: folder, server, the real CLI, then every assertion. */
export async function runCase(c: ReliabilityCase): Promise<CaseResult> {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-rel-'));
  // profiles and configs are ES modules, as in a real project
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  const server = await startServer(c.server, dir);
  try {
    const vars: Record<string, string> = {
      baseURL: server.baseURL,
      host: new URL(server.baseURL).hostname,
      port: new URL(server.baseURL).port,
      token: server.token,
      repo,
      dir,
      node: process.execPath,
    };
    const fill = (text: string) =>
      text.replace(/\{(baseURL|host|port|token|repo|dir|node)\}/g, (_, k) => vars[k]);
    for (const [path, text] of Object.entries(c.files ?? {})) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), fill(text));
    }
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const name of ['TOLLGATE_TOKEN', 'GITHUB_STEP_SUMMARY', 'NODE_TEST_CONTEXT', 'NODE_OPTIONS'])
      delete env[name];
    for (const [name, value] of Object.entries(c.env ?? {})) env[name] = fill(value);
    const killAfterMs = 'killAfterMs' in c.server ? c.server.killAfterMs : undefined;
    const killer =
      killAfterMs !== undefined ? setTimeout(() => server.process?.kill('SIGKILL'), killAfterMs) : undefined;
    const kill = c.killTollgate;
    const onSpawn = kill
      ? (child: ChildProcess) => killOnceStarted(child, join(dir, kill.orphanPidFile), kill.afterMs)
      : undefined;
    const result = await runCli(c.args.map(fill), dir, env, c.timeoutMs ?? 90_000, onSpawn);
    clearTimeout(killer);
    if (c.killTollgate) {
      const pidFile = join(dir, c.killTollgate.orphanPidFile);
      const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8')) : undefined;
      const alive = pid !== undefined && (await outlives(pid, c.killTollgate.orphanGoneMs ?? 20_000));
      if (alive) process.kill(pid, 'SIGKILL');
      return { ...result, dir, orphanAlive: alive };
    }
    return { ...result, dir };
  } finally {
    await server.stop();
  }
}

/** The case's assertions over a finished run; the message of a failure shows what the command printed. */
export function assertCase(c: ReliabilityCase, r: CaseResult): void {
  const shown = `\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}\n--- dir ${r.dir}`;
  assert.equal(r.code, c.exit, `exit code${shown}`);
  if (c.killTollgate) assert.equal(r.orphanAlive, false, `the process tollgate started outlived it${shown}`);
  const lines = `${r.stdout}\n${r.stderr}`.split('\n');
  const matches = (line: string) =>
    typeof c.message === 'string' ? line.includes(c.message) : c.message.test(line);
  assert.ok(lines.some(matches), `no line matches ${c.message}${shown}`);
  for (const p of c.outputLacks ?? []) {
    const found = typeof p === 'string' ? lines.some((l) => l.includes(p)) : lines.some((l) => p.test(l));
    assert.ok(!found, `the output must not hold ${p}${shown}`);
  }
  if (c.exit !== 70) {
    assert.doesNotMatch(r.stderr, /\n\s+at \S+ \(|crashed; this is a bug/, `stack trace${shown}`);
  }
  if (c.exit === 2) {
    const errorLines = r.stderr
      .trim()
      .split('\n')
      .filter((l) => !l.startsWith('note:'));
    assert.equal(errorLines.length, 1, `exit 2 must print one line on stderr${shown}`);
    assert.ok(matches(errorLines[0]), `the one stderr line must match ${c.message}${shown}`);
  }
  for (const [path, want] of Object.entries(c.artifacts)) {
    const file = join(r.dir, path);
    if (want === false) {
      assert.ok(!existsSync(file), `${path} must not be written${shown}`);
      continue;
    }
    assert.ok(existsSync(file), `${path} must be written${shown}`);
    if (want !== true) assertArtifact(path, readFileSync(file, 'utf8'), want, shown);
  }
}

function assertArtifact(path: string, text: string, want: ArtifactExpectation, shown: string): void {
  const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
  const has = (p: string | RegExp) => (typeof p === 'string' ? text.includes(p) : p.test(text));
  for (const p of list(want.contains)) assert.ok(has(p), `${path} must contain ${p}${shown}`);
  for (const p of list(want.lacks)) assert.ok(!has(p), `${path} must not contain ${p}${shown}`);
  if (!want.json) return;
  const data = JSON.parse(text);
  for (const [at, expected] of Object.entries(want.json)) {
    for (const [where, value] of valuesAt(data, at.split('.'), path))
      assertValue(`${where} = ${JSON.stringify(value)}`, value, expected);
  }
}

/** The value at a dotted path; a `*` part stands for every element (at least one) of an array or object. */
function valuesAt(data: unknown, parts: string[], at: string): [string, unknown][] {
  if (parts.length === 0) return [[at, data]];
  const [head, ...rest] = parts;
  if (head !== '*') {
    const next = data == null ? undefined : (data as Record<string, unknown>)[head];
    return valuesAt(next, rest, `${at}.${head}`);
  }
  const entries = data !== null && typeof data === 'object' ? Object.entries(data) : [];
  assert.ok(entries.length > 0, `${at}.* has no elements`);
  return entries.flatMap(([k, v]) => valuesAt(v, rest, `${at}.${k}`));
}

function assertValue(where: string, value: unknown, expected: unknown): void {
  if (expected instanceof RegExp) assert.match(String(value), expected, where);
  else if (expected !== null && typeof expected === 'object') {
    const e = expected as { min?: number; max?: number; exists?: boolean };
    if (e.exists === false) assert.equal(value, undefined, where);
    if (e.exists === true) assert.notEqual(value, undefined, where);
    if (e.min !== undefined)
      assert.ok(typeof value === 'number' && value >= e.min, `${where}, want >= ${e.min}`);
    if (e.max !== undefined)
      assert.ok(typeof value === 'number' && value <= e.max, `${where}, want <= ${e.max}`);
  } else assert.deepEqual(value, expected, where);
}

/** Whether `pid` is still running `withinMs` from now (polled every 100 ms). */
async function outlives(pid: number, withinMs: number): Promise<boolean> {
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline && alive()) await new Promise((r) => setTimeout(r, 100));
  return alive();
}

/** SIGKILLs `child` `afterMs` after `pidFile` appears (the process it started is up), however slow the machine. */
function killOnceStarted(child: ChildProcess, pidFile: string, afterMs: number): void {
  const poll = setInterval(() => {
    if (child.exitCode !== null || child.signalCode !== null) clearInterval(poll);
    else if (existsSync(pidFile)) {
      clearInterval(poll);
      setTimeout(() => child.kill('SIGKILL'), afterMs);
    }
  }, 100);
}

function runCli(
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
  onSpawn?: (child: ChildProcess) => void,
) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => {
      stderr += `\n[reliability: killed after ${timeoutMs} ms]`;
      child.kill('SIGKILL');
    }, timeoutMs);
    onSpawn?.(child);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      done({ code: signal === 'SIGKILL' ? 137 : code, stdout, stderr });
    });
  });
}

async function startServer(spec: ServerSpec, dir: string): Promise<RunningServer> {
  const token = randomBytes(12).toString('hex');
  if (spec.kind === 'none') {
    return { baseURL: `http://127.0.0.1:${await closedPort()}`, token, stop: async () => {} };
  }
  const [command, args, env] =
    spec.kind === 'albums'
      ? [
          ensureAlbumsApiBuilt(),
          [],
          {
            ALBUMS_ADDR: '127.0.0.1:0',
            ALBUMS_TOKEN: token,
            ALBUMS_ACCESS_LOG: '1',
            ALBUMS_FAULTS: (spec.faults ?? []).join(','),
            ...spec.env,
          },
        ]
      : [process.execPath, ['--import', 'tsx', join(serversDir, `${spec.name}.ts`)], spec.env ?? {}];
  const child = spawn(command, args, {
    cwd: repo,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(join(dir, 'server.log'));
  child.stderr?.pipe(log);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const baseURL = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`${command} did not start in 30 s`)), 30_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /listening on (http:\/\/\S+)/.exec(line);
      if (match) {
        clearTimeout(timer);
        done(match[1]);
      }
    });
    exited.then(() => {
      clearTimeout(timer);
      fail(new Error(`${command} exited before listening`));
    });
  });
  return {
    baseURL,
    token,
    process: child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
      await new Promise((done) => log.end(done));
    },
  };
}

/** A loopback port that was free a moment ago and has no listener now. */
function closedPort(): Promise<number> {
  return new Promise((done) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}
