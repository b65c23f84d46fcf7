import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import type { Secret } from '../../src/config/types.ts';
import { REDACTED, redact } from '../../src/http/redact.ts';
import type { Exchange } from '../../src/http/types.ts';

const token: Secret = { value: 's3cr3t-token-value', envName: 'TOLLGATE_TOKEN' };
const apiKey: Secret = { value: 'key/with+chars', envName: 'API_KEY' };

function leaky(): Exchange {
  return {
    request: {
      method: 'POST',
      url: `http://127.0.0.1:8080/v1/albums?access_token=abc123&q=jazz&echo=${encodeURIComponent(apiKey.value)}`,
      headers: {
        authorization: `Bearer ${token.value}`,
        cookie: 'session=xyz',
        'x-api-key': 'unknown-key',
        'x-custom-auth-token': 'zzz',
        'x-trace': `trace-${token.value}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ note: `my token is ${token.value}` }),
    },
    response: {
      status: 200,
      headers: {
        'set-cookie': 'session=new; HttpOnly',
        location: '/next?api_key=leak',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ echoed: token.value, padding: 'x'.repeat(5000) }),
      json: { echoed: token.value },
      elapsedMs: 1.234,
    },
  };
}

describe('redact', () => {
  const out = redact(leaky(), [token, apiKey]);
  const text = JSON.stringify(out);

  test('no secret value appears anywhere', () => {
    for (const secret of [
      token.value,
      encodeURIComponent(apiKey.value),
      apiKey.value,
      'abc123',
      'xyz',
      'unknown-key',
      'zzz',
      'new',
      'leak',
    ]) {
      assert.ok(!text.includes(secret), `${secret} leaked: ${text.slice(0, 400)}`);
    }
  });

  test('credential headers are replaced, keeping the auth scheme', () => {
    assert.equal(out.request.headers.authorization, `Bearer ${REDACTED}`);
    assert.equal(out.request.headers.cookie, REDACTED);
    assert.equal(out.request.headers['x-api-key'], REDACTED);
    assert.equal(out.request.headers['x-custom-auth-token'], REDACTED);
    assert.equal(out.response.headers['set-cookie'], REDACTED);
  });

  test('known secrets are blanked inside other values and bodies; the rest is kept', () => {
    assert.equal(out.request.headers['x-trace'], `trace-${REDACTED}`);
    assert.equal(out.request.headers['content-type'], 'application/json');
    assert.match(out.request.url, /access_token=\[REDACTED\]&q=jazz&echo=\[REDACTED\]$/);
    assert.equal(out.response.headers.location, '/next?api_key=[REDACTED]');
    assert.match(out.request.body ?? '', /my token is \[REDACTED\]/);
  });

  test('long bodies are truncated with a marker, and the parsed json is dropped', () => {
    assert.ok(out.response.body.length < 4200);
    assert.match(out.response.body, /… \[truncated: \d+ characters in total\]$/);
    assert.equal('json' in out.response, false);
  });

  test('a clean exchange is unchanged apart from json', () => {
    const clean: Exchange = {
      request: {
        method: 'GET',
        url: 'http://127.0.0.1/v1/albums?limit=5',
        headers: { accept: 'application/json' },
      },
      response: { status: 200, headers: { 'x-total-count': '3' }, body: '[]', json: [], elapsedMs: 1 },
    };
    const { json: _json, ...response } = clean.response;
    assert.deepEqual(redact(clean, [token]), { request: clean.request, response });
  });
});

describe('redact by value: what the exchange itself carried', () => {
  const exchange: Exchange = {
    request: {
      method: 'GET',
      url: 'http://127.0.0.1:8080/me?session_token=tok-in-query-77',
      headers: {
        cookie: 'lang=en; sid=cookie-value-99',
        'x-auth': 'x-auth-value-11',
        'x-session-id': 'session-id-value-22',
        'x-author': 'Ann Lee',
      },
    },
    response: {
      status: 200,
      headers: {
        'set-cookie': 'refresh=set-by-server-33; HttpOnly, theme=dark; Path=/',
        'x-echo': 'x-auth-value-11',
      },
      body: JSON.stringify({
        seen: [
          'cookie-value-99',
          'x-auth-value-11',
          'session-id-value-22',
          'set-by-server-33',
          'tok-in-query-77',
        ],
        lang: 'en',
        by: 'Ann Lee',
      }),
      elapsedMs: 1,
    },
  };
  const out = redact(exchange, []);

  test('custom credential headers (X-Auth, X-Session-Id) are redacted by name', () => {
    assert.equal(out.request.headers['x-auth'], REDACTED);
    assert.equal(out.request.headers['x-session-id'], REDACTED);
  });

  test('their values, cookie values sent or set and credential query values are blanked wherever they reappear', () => {
    for (const value of [
      'cookie-value-99',
      'x-auth-value-11',
      'session-id-value-22',
      'set-by-server-33',
      'tok-in-query-77',
    ]) {
      assert.ok(!out.response.body.includes(value), `${value} left in the body`);
      assert.ok(!JSON.stringify(out.response.headers).includes(value), `${value} left in a header`);
    }
  });

  test('short cookie values and headers that only look like "auth" are kept', () => {
    assert.equal(out.request.headers['x-author'], 'Ann Lee');
    assert.match(out.response.body, /"lang":"en"/);
    assert.match(out.response.body, /"by":"Ann Lee"/);
  });
});
