import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, test } from 'vitest';
import { pidFilesFor } from '../../src/target/orphan-guard.ts';
import { startWebServer } from '../../src/target/web-server.ts';

/** A webServer of ours: answers every request with its own pid. */
const serverSource =
  "require('http').createServer((q, s) => s.end(String(process.pid))).listen(0, '127.0.0.1', function () { console.log('listening on http://127.0.0.1:' + this.address().port) })";

function project(): { cwd: string; command: string } {
  const cwd = mkdtempSync(join(tmpdir(), 'tollgate-orphans-'));
  writeFileSync(join(cwd, 'server.cjs'), serverSource);
  return { cwd, command: `exec ${process.execPath} server.cjs` };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function gone(pid: number, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (!alive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !alive(pid);
}

/** Starts a webServer as tollgate does, prints `READY <server pid>`, then waits to be killed. */
const starterSource = `
const { startWebServer } = await import(${JSON.stringify(resolve(import.meta.dirname, '../../src/target/web-server.ts'))});
const [cwd, command] = process.argv.slice(1);
const server = await startWebServer({ command, cwd, env: {}, urlPattern: 'listening on (http://[^ ]+)', readyPath: '/', timeoutMs: 60000 }, (line) => console.log(line));
console.log('READY ' + (await (await fetch(server.baseURL)).text()).trim());
setInterval(() => {}, 1000);
`;

/** Runs the starter as its own process (as tollgate would be) and resolves with it and the server's pid. */
function startInChild(cwd: string, command: string): Promise<{ child: ChildProcess; serverPid: number }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', starterSource, cwd, command],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((done, fail) => {
    child.once('exit', (code) => fail(new Error(`starter exited early (${code})`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /^READY (\d+)$/.exec(line);
      if (match) done({ child, serverPid: Number(match[1]) });
    });
  });
}

describe('a webServer does not outlive a SIGKILLed tollgate', () => {
  test('the watchdog stops the server group when its tollgate is SIGKILLed', async () => {
    const { cwd, command } = project();
    const { child, serverPid } = await startInChild(cwd, command);
    assert.ok(alive(serverPid), 'the server runs while tollgate does');
    child.kill('SIGKILL');
    assert.ok(
      await gone(serverPid, 20_000),
      `server ${serverPid} still running 20 s after tollgate was SIGKILLed`,
    );
  });

  test('with the watchdog killed too, the next run stops the leftover with a one-line notice', async () => {
    const { cwd, command } = project();
    const { child, serverPid } = await startInChild(cwd, command);
    const files = pidFilesFor(cwd, command);
    assert.equal(files.length, 1, files.join(', '));
    const record = JSON.parse(readFileSync(files[0], 'utf8')) as {
      pid: number;
      watchdog: number;
    };
    assert.equal(record.pid, serverPid);
    process.kill(record.watchdog, 'SIGKILL');
    child.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 1000));
    assert.ok(alive(serverPid), 'without the watchdog the server is left running (what the pid file is for)');

    const lines: string[] = [];
    const next = await startWebServer(
      { command, cwd, env: {}, urlPattern: 'listening on (http://\\S+)', readyPath: '/', timeoutMs: 60_000 },
      (line) => lines.push(line),
    );
    try {
      const notices = lines.filter((l) => l.startsWith('note: '));
      assert.equal(notices.length, 1, lines.join('\n'));
      assert.match(
        notices[0],
        new RegExp(
          `stopped a webServer \\(process group ${serverPid}\\) left running by an earlier tollgate`,
        ),
      );
      assert.ok(await gone(serverPid, 10_000), 'the leftover server was stopped');
    } finally {
      await next.stop();
    }
  });

  test('a server of a tollgate that still runs (a parallel run) is not a leftover', async () => {
    const { cwd, command } = project();
    const { child, serverPid } = await startInChild(cwd, command);
    const lines: string[] = [];
    try {
      const second = await startWebServer(
        {
          command,
          cwd,
          env: {},
          urlPattern: 'listening on (http://\\S+)',
          readyPath: '/',
          timeoutMs: 60_000,
        },
        (line) => lines.push(line),
      );
      await second.stop();
      assert.deepEqual(
        lines.filter((l) => l.startsWith('note: ')),
        [],
      );
      assert.ok(alive(serverPid), 'the parallel run keeps its server');
      assert.equal(pidFilesFor(cwd, command).length, 1, 'the parallel run keeps its pid file');
    } finally {
      child.kill('SIGKILL');
      await gone(serverPid, 20_000);
    }
  });

  test('a clean stop leaves no pid file and the next start gives no notice', async () => {
    const { cwd, command } = project();
    const opts = {
      command,
      cwd,
      env: {},
      urlPattern: 'listening on (http://\\S+)',
      readyPath: '/',
      timeoutMs: 60_000,
    };
    const first = await startWebServer(opts, () => {});
    await first.stop();
    assert.deepEqual(pidFilesFor(cwd, command), []);
    const lines: string[] = [];
    const second = await startWebServer(opts, (line) => lines.push(line));
    await second.stop();
    assert.deepEqual(
      lines.filter((l) => l.startsWith('note: ')),
      [],
    );
  });
});
