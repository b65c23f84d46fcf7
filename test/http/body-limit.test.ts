import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { runContract } from '../../src/contract/run-contract.ts';
import { defaultMaxBodyBytes, sendRequest } from '../../src/http/send-request.ts';
import { loadSpec } from '../../src/spec/load-spec.ts';

/**
 * A server of ours that streams a 100 MB body (chunked, no Content-Length,
 * so the client cannot refuse it up front) on /big, a declared 100 MB body on
 * /declared, and small answers elsewhere. It counts what it managed to write.
 */
const hundredMB = 100 * 1024 * 1024;
let server: Server;
let baseURL = '';
let bigWritten = 0;
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.method !== 'GET') {
      res.writeHead(405, { allow: 'GET' }).end();
      return;
    }
    if (req.url?.startsWith('/big')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      bigWritten = 0;
      const pump = () => {
        while (bigWritten < hundredMB) {
          bigWritten += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => res.removeAllListeners('drain'));
      pump();
      return;
    }
    if (req.url?.startsWith('/declared')) {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(hundredMB) });
      res.write('{"a":"');
      return; // never finishes: a client that trusted the length would wait for 100 MB
    }
    const size = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('size') ?? 2);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ pad: 'x'.repeat(size) }));
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((done) => server.close(() => done()));
});

describe('response bodies are read up to a limit', () => {
  test('the default is a few MB (4 MiB)', () => {
    assert.equal(defaultMaxBodyBytes, 4 * 1024 * 1024);
  });

  test('a streamed 100 MB body stops at the limit, is marked over limit, and is not held', async () => {
    const rssBefore = process.memoryUsage().rss;
    const exchange = await sendRequest(
      { method: 'GET', url: `${baseURL}/big`, headers: {} },
      { timeoutMs: 60_000 },
    );
    const grown = process.memoryUsage().rss - rssBefore;
    assert.equal(exchange.response.bodyOverLimit, defaultMaxBodyBytes);
    assert.equal(exchange.response.body, '');
    assert.equal(exchange.response.json, undefined);
    // Loose on purpose (shared machine, GC timing): holding the body would cost well over 100 MB.
    assert.ok(grown < 80 * 1024 * 1024, `RSS grew by ${Math.round(grown / 1048576)} MB`);
    await new Promise((r) => setTimeout(r, 200));
    assert.ok(bigWritten < hundredMB, `the server could write all ${bigWritten} bytes: the body was drained`);
  });

  test('a declared Content-Length over the limit is refused without reading', async () => {
    const exchange = await sendRequest(
      { method: 'GET', url: `${baseURL}/declared`, headers: {} },
      { timeoutMs: 60_000, maxBodyBytes: 1024 },
    );
    assert.equal(exchange.response.bodyOverLimit, 1024);
  });

  test('a body within the limit is read whole and parsed', async () => {
    const exchange = await sendRequest(
      { method: 'GET', url: `${baseURL}/small?size=1000`, headers: {} },
      { timeoutMs: 60_000, maxBodyBytes: 2000 },
    );
    assert.equal(exchange.response.bodyOverLimit, undefined);
    assert.deepEqual(exchange.response.json, { pad: 'x'.repeat(1000) });
  });
});

describe('the contract engine reports "body over limit" instead of judging an unread body', () => {
  const spec = `openapi: 3.0.3
info: { title: big, version: '1' }
paths:
  /big:
    get:
      responses:
        '200':
          description: a body
          content: { application/json: { schema: { type: object } } }
  /small:
    get:
      responses:
        '200':
          description: a body
          content: { application/json: { schema: { type: object } } }
`;
  const specFile = join(mkdtempSync(join(tmpdir(), 'tollgate-body-limit-')), 'big.yaml');
  writeFileSync(specFile, spec);

  test('GET /big (100 MB) is one response-body-limit finding; GET /small has none', async () => {
    const run = await runContract({
      spec: await loadSpec(specFile),
      baseURL,
      headers: {},
      secrets: [],
      options: { maxCases: 1, workers: 1, onlyChecks: ['response-body-limit', 'response-schema'] },
    });
    const found = run.groups.map((g) => `${g.check} ${g.operation}`);
    assert.ok(found.includes('response-body-limit GET /big'), found.join('\n'));
    assert.ok(!found.some((f) => f.includes('/small')), found.join('\n'));
    assert.ok(
      !found.some((f) => f.startsWith('response-schema')),
      `an unread body was judged: ${found.join('\n')}`,
    );
    const finding = run.findings.find((f) => f.check === 'response-body-limit');
    assert.match(finding?.received ?? '', /body over limit \(more than 4194304 bytes/);
  });

  test('the limit is configurable (contract.maxResponseBytes)', async () => {
    const run = await runContract({
      spec: await loadSpec(specFile),
      baseURL,
      headers: {},
      secrets: [],
      options: { maxCases: 1, workers: 1, maxResponseBytes: 10, operations: ['GET /small'] },
    });
    const found = run.groups.map((g) => `${g.check} ${g.operation}`);
    assert.ok(found.includes('response-body-limit GET /small'), found.join('\n'));
  });
});
