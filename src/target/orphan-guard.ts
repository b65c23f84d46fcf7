import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A webServer must not outlive the tollgate that started it, even one killed
 * with SIGKILL (no exit handler runs then). Two layers:
 * - a watchdog: a tiny detached process that polls tollgate's pid and kills
 *   the server's process group the moment tollgate is gone;
 * - a pid file per (cwd, command): if the watchdog was killed too, the next
 *   run stops the leftover group before starting its own, with a notice.
 */
function pidFileKey(cwd: string | undefined, command: string): string {
  return createHash('sha256')
    .update(`${cwd ?? process.cwd()}\0${command}`)
    .digest('hex')
    .slice(0, 16);
}

const pidFileDir = join(tmpdir(), 'tollgate-webservers');

/** The pid file of one server of this tollgate: one per owner and server, so parallel runs never share one. */
function pidFileFor(cwd: string | undefined, command: string, serverPid: number): string {
  return join(pidFileDir, `${pidFileKey(cwd, command)}-${process.pid}-${serverPid}.pid`);
}

/** Every pid file recorded for (cwd, command), whichever tollgate wrote it. */
export function pidFilesFor(cwd: string | undefined, command: string): string[] {
  const prefix = `${pidFileKey(cwd, command)}-`;
  let names: string[];
  try {
    names = readdirSync(pidFileDir);
  } catch {
    return [];
  }
  return names.filter((n) => n.startsWith(prefix) && n.endsWith('.pid')).map((n) => join(pidFileDir, n));
}

/**
 * Stops the groups that earlier, killed tollgates left behind for (cwd, command);
 * returns the notices to show. A group whose tollgate still runs (a parallel
 * run, e.g. another Playwright worker) is left alone.
 */
export function stopLeftovers(cwd: string | undefined, command: string): string[] {
  const notices: string[] = [];
  for (const file of pidFilesFor(cwd, command)) {
    let record: { pid?: unknown; owner?: unknown };
    try {
      record = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      continue;
    }
    const pid = Number(record.pid);
    const owner = Number(record.owner);
    if (owner > 1 && processAlive(owner)) continue;
    rmSync(file, { force: true });
    if (!(pid > 1) || !processAlive(-pid)) continue;
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      continue;
    }
    notices.push(
      `stopped a webServer (process group ${pid}) left running by an earlier tollgate that was killed`,
    );
  }
  return notices;
}

/** Records the group and starts the watchdog; returns what stop() must undo. */
export function guardServer(cwd: string | undefined, command: string, pid: number): { release(): void } {
  const pidFile = pidFileFor(cwd, command, pid);
  const watchdog = spawn(process.execPath, ['-e', watchdogSource, String(process.pid), String(pid)], {
    detached: true,
    stdio: 'ignore',
  });
  watchdog.unref();
  mkdirSync(join(pidFile, '..'), { recursive: true });
  writeFileSync(pidFile, JSON.stringify({ pid, command, owner: process.pid, watchdog: watchdog.pid }));
  return {
    release() {
      rmSync(pidFile, { force: true });
      try {
        if (watchdog.pid) process.kill(watchdog.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    },
  };
}

/** A pid (or, negative, a process group) that still exists. */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** argv: owner pid, server process group. Kills the group when the owner is gone; exits when the group is. */
const watchdogSource = `
const [owner, group] = process.argv.slice(1).map(Number);
const alive = (pid) => { try { process.kill(pid, 0); return true; } catch (e) { return e.code === 'EPERM'; } };
setInterval(() => {
  if (!alive(-group)) process.exit(0);
  if (alive(owner)) return;
  try { process.kill(-group, 'SIGTERM'); } catch {}
  setTimeout(() => { try { process.kill(-group, 'SIGKILL'); } catch {} process.exit(0); }, 2000);
}, 250);
`;
