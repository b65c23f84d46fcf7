import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
export function pidFileFor(cwd: string | undefined, command: string): string {
  const key = createHash('sha256')
    .update(`${cwd ?? process.cwd()}\0${command}`)
    .digest('hex')
    .slice(0, 16);
  return join(tmpdir(), 'tollgate-webservers', `${key}.pid`);
}

/** Stops a group an earlier, killed tollgate left behind; returns the notice to show, if any. */
export function stopLeftover(pidFile: string): string | undefined {
  let pid: number;
  try {
    pid = Number(JSON.parse(readFileSync(pidFile, 'utf8')).pid);
  } catch {
    return undefined;
  }
  rmSync(pidFile, { force: true });
  if (!(pid > 1) || !groupAlive(pid)) return undefined;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    return undefined;
  }
  return `stopped a webServer (process group ${pid}) left running by an earlier tollgate that was killed`;
}

/** Records the group and starts the watchdog; returns what stop() must undo. */
export function guardServer(pidFile: string, pid: number, command: string): { release(): void } {
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

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
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
