import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { sendRequest } from '../../src/http/send-request.ts';
import { toCurl } from '../../src/http/to-curl.ts';
import type { RequestRecord } from '../../src/http/types.ts';

const run = promisify(execFile);

/** A loopback server that answers with the hex of the body bytes it received. */
describe('curl repros send the same bytes tollgate sent', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        res.setHeader('content-type', 'text/plain');
        res.end(`${req.headers['content-type']}|${Buffer.concat(chunks).toString('hex')}`);
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/upload`;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  const bodies: [string, Partial<RequestRecord>][] = [
    [
      'UTF-16 JSON with a BOM (latin1 bytes)',
      {
        body: Buffer.from('\uFEFF{"a":"%s \'q\' \\\\"}', 'utf16le').toString('latin1'),
        bodyEncoding: 'latin1',
      },
    ],
    [
      'multipart with CRLF and a NUL byte',
      { body: '--b\r\nContent-Disposition: form-data; name="f"\r\n\r\na\u0000é\r\n--b--\r\n' },
    ],
    ['plain JSON', { body: '{"title":"It\'s $HOME"}' }],
  ];
  for (const [name, part] of bodies) {
    test(name, async () => {
      const request: RequestRecord = {
        method: 'POST',
        url,
        headers: { 'content-type': 'application/octet-stream' },
        ...part,
      };
      const sent = await sendRequest(request, { timeoutMs: 10_000 });
      const curl = toCurl(request, []);
      assert.ok(!curl.includes('\n') && !curl.includes('\r'), `not one line: ${curl}`);
      const { stdout } = await run('sh', ['-c', curl], { timeout: 10_000 });
      const echoed = stdout.slice(stdout.indexOf('\r\n\r\n') + 4);
      assert.equal(echoed, sent.response.body);
    });
  }
});
