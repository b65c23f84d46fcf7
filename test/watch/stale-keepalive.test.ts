import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { afterAll, test } from 'vitest';
import { parseGateSet } from '../../src/gates/parse-gates.ts';
import type { WatchResult } from '../../src/run/model.ts';
import { runWatch } from '../../src/watch/run-watch.ts';

/**
 * A raw HTTP server that closes a keep-alive connection as a request arrives
 * on it without answering: what nginx's old workers do at a reload and any
 * server's idle timeout can do. `answerFirst`: the first request of each
 * connection is answered (so later ones go out on a reused connection).
 */
function closingServer(answerFirst: boolean): Promise<{ server: Server; url: string }> {
  const server = createServer((socket) => {
    let requests = 0;
    socket.on('data', () => {
      requests++;
      if (answerFirst && requests === 1) {
        socket.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: keep-alive\r\n\r\nok');
      } else socket.destroy();
    });
  });
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () =>
      done({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` }),
    ),
  );
}

const servers: Server[] = [];
afterAll(() => {
  for (const s of servers) s.close();
});

async function watchAt(url: string, method: 'get' | 'post'): Promise<WatchResult> {
  return runWatch({
    profile: {
      name: 'raw',
      source: 'test',
      options: { model: 'open', connections: 2, requests: [{ path: '/', method }] },
    },
    baseURL: url,
    rate: 40,
    command: { argv: ['true'] },
    beforeMs: 300,
    settleMs: 700,
    timeoutMs: 5000,
    gates: parseGateSet({ 'errors.count': '==0' }, 'test'),
    cwd: process.cwd(),
    scrub: (t) => t,
  });
}

test('a GET on a keep-alive connection the server had closed is resent once, not counted as failed', async () => {
  const { server, url } = await closingServer(true);
  servers.push(server);
  const r = await watchAt(url, 'get');
  assert.ok(r.resent > 5, `resent ${r.resent}`);
  assert.equal(r.window.errors.count, 0, JSON.stringify(r.window.errors));
  assert.equal(r.gates[0].verdict, 'pass');
  assert.ok(r.notes.some((n) => /resent once/.test(n)));
});

test('a POST is never resent: the same closes are failures', async () => {
  const { server, url } = await closingServer(true);
  servers.push(server);
  const r = await watchAt(url, 'post');
  assert.equal(r.resent, 0);
  assert.ok(r.window.errors.resets > 5, JSON.stringify(r.window.errors));
  assert.equal(r.gates[0].verdict, 'fail');
});

test('a close on a fresh connection (nothing was ever answered on it) is a failure, not resent', async () => {
  const { server, url } = await closingServer(false);
  servers.push(server);
  const r = await watchAt(url, 'get');
  assert.equal(r.resent, 0);
  assert.ok(r.before.errors.resets > 5, JSON.stringify(r.before.errors));
  // nothing answered before the command: it is not run
  assert.match(r.unreachable ?? '', /no request was answered/);
  assert.equal(r.command, undefined);
});
