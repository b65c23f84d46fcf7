import { spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Secret } from '../config/types.ts';
import { TollgateError } from '../errors/tollgate-error.ts';
import { secretScrubber } from '../http/redact.ts';
import type { CommandRun } from './types.ts';

/**
 * Blanks what a command's output must not show: the target's credentials and
 * the values of environment variables named like secrets (a deploy script may echo them).
 */
export function outputScrubber(secrets: readonly Secret[], env: NodeJS.ProcessEnv = process.env) {
  const named = Object.entries(env)
    .filter(([name, value]) => value && /token|secret|password|passwd|api[_-]?key|credential/i.test(name))
    .map(([name, value]) => ({ value: value as string, envName: name }));
  return secretScrubber([...secrets, ...named]);
}

/** A command to run: argv words (run as they are) or one shell line (`sh -c`). */
export type CommandLine = { argv: string[] } | { shell: string };

const headBytes = 4 * 1024;
const tailBytes = 28 * 1024;

/** The command as a reader would type it. */
function commandText(line: CommandLine): string {
  if ('shell' in line) return line.shell;
  return line.argv.map((w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replaceAll("'", "'\\''")}'`)).join(' ');
}

/**
 * Throws TG_COMMAND_NOT_FOUND (exit 2) when the program a command starts is
 * not there, before any load is sent: the argv's first word, or a shell
 * line's first word when it is a plain program name or path.
 */
export function assertRunnable(line: CommandLine, cwd: string, flag: string): void {
  const first = 'argv' in line ? line.argv[0] : /^\s*([\w./-]+)(\s|$)/.exec(line.shell)?.[1];
  if (first === undefined || ('shell' in line && shellWords.has(first))) return;
  if (findProgram(first, cwd)) return;
  throw new TollgateError('TG_COMMAND_NOT_FOUND', `${flag}: command not found: ${first}`, {
    hint: first.includes('/')
      ? `check the path (relative to ${cwd}) and that the file is executable`
      : 'check the name, or give its path; it must be on PATH',
  });
}

/** Shell keywords and builtins a line may start with; the shell finds them, not PATH. */
const shellWords = new Set([
  'cd',
  'exec',
  'export',
  'if',
  'for',
  'while',
  'set',
  'test',
  '[',
  '{',
  '(',
  'true',
  'false',
  'echo',
  'sleep',
  'kill',
  ':',
  '.',
]);

function findProgram(name: string, cwd: string): boolean {
  const candidates = name.includes('/')
    ? [isAbsolute(name) ? name : resolve(cwd, name)]
    : (process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, name));
  return candidates.some((file) => {
    try {
      accessSync(file, constants.X_OK);
      return statSync(file).isFile();
    } catch {
      return false;
    }
  });
}

export interface RunningCommand {
  /** The command as shown (secrets scrubbed). */
  text: string;
  /** Resolves when the command exited (or was killed), with its record. */
  done: Promise<CommandRun>;
  /** Stops it: SIGTERM to its process group, SIGKILL 2 s later. */
  stop(): void;
}

/**
 * Starts a command in its own process group, interleaves its stdout and
 * stderr into one bounded record (the first 4 KiB and the last 28 KiB;
 * secrets scrubbed), and stops it after `timeoutMs`. Times are ms since `t0`.
 */
export function startCommand(
  line: CommandLine,
  options: { cwd: string; t0: number; timeoutMs: number; scrub: (text: string) => string },
): RunningCommand {
  const startMs = performance.now() - options.t0;
  const [file, args] = 'argv' in line ? [line.argv[0], line.argv.slice(1)] : ['/bin/sh', ['-c', line.shell]];
  const child = spawn(file, args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let head = '';
  let tail = '';
  let cut = 0;
  const take = (chunk: Buffer) => {
    let text = chunk.toString('utf8');
    if (head.length < headBytes) {
      const room = headBytes - head.length;
      head += text.slice(0, room);
      text = text.slice(room);
    }
    tail += text;
    if (tail.length > tailBytes) {
      cut += tail.length - tailBytes;
      tail = tail.slice(tail.length - tailBytes);
    }
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  let timedOut = false;
  let killer: NodeJS.Timeout | undefined;
  const stop = () => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    signalGroup(child.pid, 'SIGTERM');
    killer ??= setTimeout(() => signalGroup(child.pid!, 'SIGKILL'), 2000);
  };
  const timer = setTimeout(() => {
    timedOut = true;
    stop();
  }, options.timeoutMs);
  const done = new Promise<CommandRun>((finish) => {
    let ended = false;
    let exitedAt: number | undefined;
    const end = (exitCode: number | null, signal: NodeJS.Signals | null, spawnError?: string) => {
      if (ended) return;
      ended = true;
      child.stdout?.destroy();
      child.stderr?.destroy();
      clearTimeout(timer);
      clearTimeout(killer);
      const output = spawnError ?? (cut > 0 ? `${head}\n[… ${cut} bytes cut …]\n${tail}` : head + tail);
      const run: CommandRun = {
        command: options.scrub(commandText(line)),
        startMs: Math.round(startMs),
        endMs: Math.round(exitedAt ?? performance.now() - options.t0),
        exitCode,
        output: options.scrub(output),
      };
      if (signal) run.signal = signal;
      if (timedOut) run.timedOut = true;
      if (cut > 0) run.outputCut = cut;
      finish(run);
    };
    child.once('error', (error) => end(127, null, `could not start: ${error.message}`));
    // A daemon the command leaves behind may hold its stdout open: read what is there shortly after the exit, then stop waiting.
    child.once('exit', (code, signal) => {
      exitedAt = performance.now() - options.t0;
      const settled = setTimeout(() => end(code, signal), 200);
      child.once('close', () => {
        clearTimeout(settled);
        end(code, signal);
      });
    });
  });
  return { text: options.scrub(commandText(line)), done, stop };
}

/** The whole group, so a shell's children (a reload script's nginx -s, a sleep) stop too. */
function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}
