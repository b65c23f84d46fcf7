import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, test } from 'vitest';
import type { Secret } from '../../src/config/types.ts';
import { sendRequest } from '../../src/http/send-request.ts';
import { toCurl } from '../../src/http/to-curl.ts';
import type { RequestRecord } from '../../src/http/types.ts';
import { type AlbumsApi, startAlbumsApi } from '../support/albums-server.ts';

const run = promisify(execFile);

describe('toCurl', () => {
  const token: Secret = { value: 'tok-1234567890', envName: 'TOLLGATE_TOKEN' };

  test('credentials become variables, never values', () => {
    const curl = toCurl(
      {
        method: 'post',
        url: `http://127.0.0.1:8080/v1/albums?api_key=zzz-unknown&q=a%20b`,
        headers: {
          authorization: `Bearer ${token.value}`,
          cookie: 'sid=abc',
          'content-type': 'application/json',
          host: 'x',
        },
        body: `{"title":"It's ${token.value}"}`,
      },
      [token],
    );
    assert.ok(!curl.includes(token.value), curl);
    assert.ok(!curl.includes('zzz-unknown') && !curl.includes('sid=abc'), curl);
    assert.match(curl, /^curl -sS -i -X POST /);
    assert.ok(curl.includes('-H "authorization: Bearer $TOLLGATE_TOKEN"'), curl);
    assert.ok(curl.includes('-H "cookie: $TOLLGATE_COOKIE"'), curl);
    assert.ok(curl.includes('"http://127.0.0.1:8080/v1/albums?api_key=$TOLLGATE_API_KEY&q=a%20b"'), curl);
    assert.ok(curl.includes(`--data-raw '{"title":"It'\\''s '"\${TOLLGATE_TOKEN}"'"}'`), curl);
    assert.ok(!curl.includes('host:'), curl);
    assert.ok(!curl.includes('\n'));
  });

  test('basic auth with known user and password becomes -u', () => {
    const user: Secret = { value: 'alice-user', envName: 'API_USER' };
    const pass: Secret = { value: 'p@ss-word', envName: 'API_PASS' };
    const basic = Buffer.from(`${user.value}:${pass.value}`).toString('base64');
    const curl = toCurl(
      { method: 'GET', url: 'http://127.0.0.1/x', headers: { authorization: `Basic ${basic}` } },
      [user, pass],
    );
    assert.equal(curl, `curl -sS -i -X GET http://127.0.0.1/x -u "$API_USER:$API_PASS"`);
  });

  test('HEAD uses --head; no secrets means plain quoting', () => {
    assert.equal(
      toCurl({ method: 'HEAD', url: 'http://127.0.0.1/x?a=1&b=2', headers: { accept: '*/*' } }, []),
      `curl -sS -i --head 'http://127.0.0.1/x?a=1&b=2' -H 'accept: */*'`,
    );
  });
});

describe('toCurl against the albums API', () => {
  let api: AlbumsApi;
  beforeAll(async () => {
    api = await startAlbumsApi();
  });
  afterAll(async () => {
    await api.stop();
  });

  test('the command runs with the variable exported, and reproduces the response', async () => {
    const secret: Secret = { value: api.token, envName: 'TOLLGATE_TOKEN' };
    const request: RequestRecord = {
      method: 'POST',
      url: `${api.baseURL}/v1/albums`,
      headers: {
        authorization: `Bearer ${api.token}`,
        'content-type': 'application/json',
        'idempotency-key': 'curl-1',
      },
      body: JSON.stringify({ title: 'It\'s a "test" $HOME `x`', artist: 'A', price: 1 }),
    };
    const original = await sendRequest(request, { timeoutMs: 5000 });
    assert.equal(original.response.status, 201);

    const curl = toCurl(request, [secret]);
    assert.ok(!curl.includes(api.token), curl);
    const { stdout } = await run('sh', ['-c', curl], {
      env: { PATH: process.env.PATH, TOLLGATE_TOKEN: api.token },
      timeout: 10_000,
    });
    assert.match(stdout, /^HTTP\/1\.1 201/);
    // Same Idempotency-Key and body: the API answers with the album the first request created.
    const body = JSON.parse(stdout.slice(stdout.indexOf('\r\n\r\n') + 4));
    assert.equal(body.id, (original.response.json as { id: number }).id);
    assert.equal(body.title, 'It\'s a "test" $HOME `x`');
  });

  test('without the variable the API refuses it: the value really is not in the command', async () => {
    const request: RequestRecord = {
      method: 'DELETE',
      url: `${api.baseURL}/v1/albums/1`,
      headers: { authorization: `Bearer ${api.token}` },
    };
    const curl = toCurl(request, [{ value: api.token, envName: 'TOLLGATE_TOKEN' }]);
    const { stdout } = await run('sh', ['-c', curl], { env: { PATH: process.env.PATH }, timeout: 10_000 });
    assert.match(stdout, /^HTTP\/1\.1 401/);
  });
});
