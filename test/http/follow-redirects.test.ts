import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { sendFollowing } from '../../src/http/follow-redirects.ts';
import { sendRequest } from '../../src/http/send-request.ts';
import type { RequestRecord } from '../../src/http/types.ts';
import { json, startTinyApi, type TinyApi } from '../trust/support/tiny-api.ts';

/**
 * `--follow-redirects` (issue 8 item 12) follows the same origin only, and a
 * write only across a trailing slash (the same route): two real servers on
 * loopback, one redirecting to itself and to the other.
 */
const moved = (res: ServerResponse, status: number, location: string): true => {
  res.writeHead(status, { location });
  res.end();
  return true;
};

describe('--follow-redirects: same origin only, writes only across a trailing slash', () => {
  let elsewhere: TinyApi;
  let api: TinyApi;
  beforeAll(async () => {
    elsewhere = await startTinyApi((_req, res) => json(res, 200, { stolen: true }));
    api = await startTinyApi((req, res) => {
      const path = req.url ?? '';
      if (path === '/albums') return moved(res, req.method === 'GET' ? 301 : 307, '/albums/');
      if (path === '/albums/')
        return json(res, req.method === 'GET' ? 200 : 201, { method: req.method, body: req.body });
      if (path === '/away') return moved(res, 302, `${elsewhere.baseURL}/albums/`);
      if (path === '/login') return moved(res, 307, '/admin/albums/');
      return false;
    });
  });
  afterAll(async () => {
    await api.close();
    await elsewhere.close();
  });
  const send = (request: RequestRecord) => sendRequest(request, { timeoutMs: 10_000 });
  const request = (method: string, path: string, body?: string): RequestRecord => ({
    method,
    url: `${api.baseURL}${path}`,
    headers: body ? { 'content-type': 'application/json' } : {},
    ...(body ? { body } : {}),
  });

  test('a GET and a POST across the trailing slash reach the answer behind it, method and body kept by 307', async () => {
    const got = await sendFollowing(send, request('GET', '/albums'));
    assert.equal(got.response.status, 200);
    assert.deepEqual(
      got.redirects?.map((h) => h.status),
      [301],
    );
    const posted = await sendFollowing(send, request('POST', '/albums', '{"title":"x"}'));
    assert.equal(posted.response.status, 201);
    assert.match(posted.response.body, /"method":"POST".*title/);
    assert.equal(posted.request.url, `${api.baseURL}/albums`, 'the exchange keeps the request the case sent');
  });

  test('a redirect to another origin is not followed: that server hears nothing', async () => {
    const before = elsewhere.received.length;
    const got = await sendFollowing(send, request('GET', '/away'));
    assert.equal(got.response.status, 302);
    assert.equal(got.redirects, undefined);
    assert.equal(elsewhere.received.length, before);
  });

  test('a write redirected to another route is not followed', async () => {
    const got = await sendFollowing(send, request('POST', '/login', '{"title":"x"}'));
    assert.equal(got.response.status, 307);
    assert.ok(!api.received.some((r) => r.url === '/admin/albums/'), 'the write went to another route');
  });
});
