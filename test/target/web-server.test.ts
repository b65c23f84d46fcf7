import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { beforeAll, describe, test } from 'vitest';
import { TollgateError } from '../../src/errors/tollgate-error.ts';
import { startWebServer } from '../../src/target/web-server.ts';
import { albumsBinary, ensureAlbumsApiBuilt } from '../support/albums-server.ts';

const apiDir = resolve(import.meta.dirname, '../../examples/albums-api');
const base = { cwd: apiDir, env: {}, readyPath: '/readyz', timeoutMs: 15_000 };
const quiet = () => {};

describe('startWebServer', () => {
  beforeAll(() => ensureAlbumsApiBuilt());

  test('starts the reference API, finds its URL in stdout, and stops it', async () => {
    const server = await startWebServer(
      {
        ...base,
        command: `exec ${albumsBinary}`,
        env: { ALBUMS_ADDR: '127.0.0.1:0', ALBUMS_TOKEN: 't' },
        urlPattern: 'listening on (http://\\S+)',
      },
      quiet,
    );
    assert.match(server.baseURL, /^http:\/\/127\.0\.0\.1:\d+$/);
    const ready = await fetch(`${server.baseURL}/readyz`);
    assert.equal(ready.status, 200);
    await server.stop();
    await assert.rejects(fetch(`${server.baseURL}/readyz`), /fetch failed/);
  });

  test('reports a server that dies during the run', async () => {
    const server = await startWebServer(
      {
        ...base,
        command: `exec ${albumsBinary}`,
        env: { ALBUMS_ADDR: '127.0.0.1:0', ALBUMS_TOKEN: 't' },
        urlPattern: 'listening on (http://\\S+)',
      },
      quiet,
    );
    const pid = await findChild(server.baseURL);
    assert.ok(pid > 0);
    process.kill(pid, 'SIGKILL');
    assert.match(await server.died, /killed by SIGKILL|exit code/);
    await server.stop();
  });

  test('a command that exits before it is ready gives one line with its output', async () => {
    await assert.rejects(
      startWebServer(
        { ...base, command: 'echo "port already in use" >&2; exit 3', urlPattern: 'on (\\S+)' },
        quiet,
      ),
      (error: unknown) =>
        error instanceof TollgateError &&
        error.code === 'TG_SERVER_START' &&
        error.exitCode === 3 &&
        /exited \(exit code 3\) before it was ready; its output: port already in use/.test(error.message),
    );
  });

  test('a server that never prints its URL times out', async () => {
    await assert.rejects(
      startWebServer({ ...base, command: 'sleep 30', urlPattern: 'on (\\S+)', timeoutMs: 500 }, quiet),
      /printed no line matching \/on \(\\S\+\)\/ within 500 ms/,
    );
  });

  test('a fixed URL that never answers times out on readiness', async () => {
    await assert.rejects(
      startWebServer({ ...base, command: 'sleep 30', url: 'http://127.0.0.1:9', timeoutMs: 600 }, quiet),
      /did not answer 2xx at http:\/\/127\.0\.0\.1:9\/readyz within 600 ms/,
    );
  });
});

/** The pid listening on the server's port (the Go binary, exec'd by the shell). */
async function findChild(baseURL: string): Promise<number> {
  const { execFileSync } = await import('node:child_process');
  const port = new URL(baseURL).port;
  const out = execFileSync('sh', [
    '-c',
    `ss -ltnp 'sport = :${port}' | grep -o 'pid=[0-9]*' | head -1`,
  ]).toString();
  return Number(out.replace('pid=', ''));
}
