import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { ExchangeError } from '../../src/http/exchange-error.ts';
import { sendRequest } from '../../src/http/send-request.ts';

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/redirect') {
      res.writeHead(301, { Location: '/target/' }).end();
    } else if (url.pathname === '/json') {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        res.setHeader('Set-Cookie', ['a=1', 'b=2']);
        res.writeHead(201, { 'Content-Type': 'application/json', 'X-Echo-Method': req.method ?? '' });
        res.end(JSON.stringify({ got: body, auth: req.headers.authorization ?? null }));
      });
    } else if (url.pathname === '/slow') {
      setTimeout(() => res.end('late'), 1000).unref();
    } else if (url.pathname === '/reset') {
      req.socket.destroy();
    } else {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('404 page not found');
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
});

describe('sendRequest', () => {
  test('records status, lower-case headers, text and parsed JSON, upper-case method', async () => {
    const ex = await sendRequest(
      {
        method: 'patch',
        url: `${base}/json`,
        headers: { authorization: 'Bearer t', 'content-type': 'text/plain' },
        body: 'hi',
      },
      { timeoutMs: 2000 },
    );
    assert.equal(ex.request.method, 'PATCH');
    assert.equal(ex.response.status, 201);
    assert.equal(ex.response.headers['x-echo-method'], 'PATCH');
    assert.equal(ex.response.headers['set-cookie'], 'a=1, b=2');
    assert.deepEqual(ex.response.json, { got: 'hi', auth: 'Bearer t' });
    assert.ok(ex.response.elapsedMs > 0 && ex.response.elapsedMs < 2000);
    assert.notEqual(ex.response.elapsedMs, Math.round(ex.response.elapsedMs), 'sub-millisecond precision');
  });

  test('never follows redirects', async () => {
    const ex = await sendRequest(
      { method: 'GET', url: `${base}/redirect`, headers: {} },
      { timeoutMs: 2000 },
    );
    assert.equal(ex.response.status, 301);
    assert.equal(ex.response.headers.location, '/target/');
  });

  test('a non-JSON body has no json', async () => {
    const ex = await sendRequest({ method: 'GET', url: `${base}/nope`, headers: {} }, { timeoutMs: 2000 });
    assert.equal(ex.response.body, '404 page not found');
    assert.equal(ex.response.json, undefined);
  });

  test('timeout is its own kind', async () => {
    await assert.rejects(
      sendRequest({ method: 'GET', url: `${base}/slow?api_key=k`, headers: {} }, { timeoutMs: 100 }),
      (error: unknown) =>
        error instanceof ExchangeError && error.kind === 'timeout' && !error.message.includes('api_key'),
    );
  });

  test('connection refused is unreachable', async () => {
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((done) => closed.close(done));
    await assert.rejects(
      sendRequest({ method: 'GET', url: `http://127.0.0.1:${port}/`, headers: {} }, { timeoutMs: 2000 }),
      (error: unknown) =>
        error instanceof ExchangeError && error.kind === 'unreachable' && error.code === 'ECONNREFUSED',
    );
  });

  test('connection reset is unreachable', async () => {
    await assert.rejects(
      sendRequest({ method: 'GET', url: `${base}/reset`, headers: {} }, { timeoutMs: 2000 }),
      (error: unknown) => error instanceof ExchangeError && error.kind === 'unreachable',
    );
  });

  test("the caller's abort is 'aborted'", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await assert.rejects(
      sendRequest(
        { method: 'GET', url: `${base}/slow`, headers: {} },
        { timeoutMs: 2000, signal: controller.signal },
      ),
      (error: unknown) => error instanceof ExchangeError && error.kind === 'aborted',
    );
  });

  test('a request fetch refuses to encode is unsendable, not a crash', async () => {
    await assert.rejects(
      sendRequest(
        { method: 'GET', url: `${base}/json`, headers: { 'x-name': 'caf\u0101' } },
        { timeoutMs: 2000 },
      ),
      (error: unknown) =>
        error instanceof ExchangeError && error.kind === 'unsendable' && /ByteString/.test(error.message),
    );
    await assert.rejects(
      sendRequest({ method: 'GET', url: `${base}/json`, headers: {}, body: 'x' }, { timeoutMs: 2000 }),
      (error: unknown) => error instanceof ExchangeError && error.kind === 'unsendable',
    );
  });

  test('uses an injected fetch', async () => {
    const seen: RequestInit[] = [];
    const fake = (async (_url: string | URL | Request, init?: RequestInit) => {
      seen.push(init ?? {});
      return new Response('{"a":1}', { status: 200, headers: { 'Content-Type': 'application/json' } });
    }) as typeof fetch;
    const ex = await sendRequest(
      { method: 'GET', url: 'http://127.0.0.1:1/x', headers: {} },
      { timeoutMs: 100, fetch: fake },
    );
    assert.deepEqual(ex.response.json, { a: 1 });
    assert.equal(seen[0].redirect, 'manual');
  });
});
