import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { ResolvedEnvironment } from '../config/types.ts';
import { TollgateError } from '../errors/tollgate-error.ts';
import { guardServer, stopLeftovers } from './orphan-guard.ts';

export interface StartedServer {
  baseURL: string;
  /** Resolves with a description when the server exits before `stop()` was called. */
  died: Promise<string>;
  stop(): Promise<void>;
}

type WebServer = NonNullable<ResolvedEnvironment['webServer']>;

/**
 * Starts an environment's server like Playwright's webServer: runs the
 * command, finds the base URL (fixed, or read from stdout with urlPattern),
 * polls readyPath until it answers 2xx, and stops the whole process group on
 * stop(), on exit and on Ctrl-C.
 */
export async function startWebServer(ws: WebServer, log: (line: string) => void): Promise<StartedServer> {
  for (const notice of stopLeftovers(ws.cwd, ws.command)) log(`note: ${notice}`);
  const child = spawn(ws.command, {
    shell: true,
    cwd: ws.cwd,
    env: { ...process.env, ...ws.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  const guard = child.pid ? guardServer(ws.cwd, ws.command, child.pid) : undefined;
  const onExit = () => {
    killGroup('SIGKILL');
    guard?.release();
  };
  process.once('exit', onExit);

  let stopping = false;
  let output = '';
  const remember = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-2000);
  };
  child.stderr?.on('data', remember);
  // 'close', not 'exit': it fires after stdout and stderr are drained, so the output tail is complete.
  const exited = new Promise<string>((done) =>
    child.once('close', (code, signal) => done(signal ? `killed by ${signal}` : `exit code ${code}`)),
  );
  exited.then(() => guard?.release());
  const died = exited.then((how) => (stopping ? new Promise<string>(() => {}) : how));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    stopping = true;
    killGroup('SIGTERM');
    const timer = setTimeout(() => killGroup('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    guard?.release();
    process.removeListener('exit', onExit);
  };

  try {
    const baseURL = await findBaseURL(ws, child, exited, remember);
    await waitUntilReady(baseURL + ws.readyPath, ws.timeoutMs, exited);
    log(`started \`${ws.command}\` at ${baseURL}`);
    return { baseURL: baseURL.replace(/\/+$/, ''), died, stop };
  } catch (error) {
    await stop();
    const tail = output.trim().split('\n').slice(-3).join(' | ');
    const reason = error instanceof Error ? error.message : String(error);
    throw new TollgateError(
      'TG_SERVER_START',
      `webServer \`${ws.command}\` ${reason}${tail ? `; its output: ${tail}` : ''}`,
    );
  }
}

function findBaseURL(
  ws: WebServer,
  child: ChildProcess,
  exited: Promise<string>,
  remember: (chunk: Buffer) => void,
): Promise<string> {
  const lines = createInterface({ input: child.stdout! });
  const pattern = ws.urlPattern ? new RegExp(ws.urlPattern) : undefined;
  return new Promise((done, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`printed no line matching /${ws.urlPattern}/ within ${ws.timeoutMs} ms`)),
      ws.timeoutMs,
    );
    exited.then((how) => fail(new Error(`exited (${how}) before it was ready`)));
    if (!pattern) {
      clearTimeout(timer);
      lines.on('line', () => {});
      done(ws.url!);
      return;
    }
    lines.on('line', (line) => {
      remember(Buffer.from(`${line}\n`));
      const match = pattern.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        done(match[1]);
      }
    });
  });
}

async function waitUntilReady(url: string, timeoutMs: number, exited: Promise<string>): Promise<void> {
  let exitReason: string | undefined;
  exited.then((how) => {
    exitReason = how;
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exitReason) throw new Error(`exited (${exitReason}) before ${url} answered`);
    const ok = await fetch(url, { signal: AbortSignal.timeout(2000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`did not answer 2xx at ${url} within ${timeoutMs} ms`);
}
