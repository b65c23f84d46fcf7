import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
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
