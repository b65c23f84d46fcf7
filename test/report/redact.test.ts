import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import { redactCurl, redactHeaders, redactUrl } from '../../src/report/redact.ts';

describe('redaction, the last line of defence', () => {
  const headerCases: [string, Record<string, string>, Record<string, string>][] = [
    ['bearer keeps its scheme', { authorization: 'Bearer abc.def' }, { authorization: 'Bearer [redacted]' }],
    ['cookies', { cookie: 'a=1', 'set-cookie': 's=2' }, { cookie: '[redacted]', 'set-cookie': '[redacted]' }],
    [
      'api keys by name',
      { 'x-api-key': 'k', 'x-auth-token': 't' },
      { 'x-api-key': '[redacted]', 'x-auth-token': '[redacted]' },
    ],
    [
      'ordinary headers stay',
      { 'content-type': 'application/json', 'idempotency-key': 'k1', 'x-request-id': 'r' },
      { 'content-type': 'application/json', 'idempotency-key': 'k1', 'x-request-id': 'r' },
    ],
    [
      'already redacted stays',
      { authorization: 'Bearer [redacted]' },
      { authorization: 'Bearer [redacted]' },
    ],
  ];
  for (const [name, given, want] of headerCases)
    test(`headers: ${name}`, () => assert.deepEqual(redactHeaders(given), want));

  const urlCases: [string, string, string][] = [
    ['api_key in query', 'http://h/x?api_key=s3&limit=2', 'http://h/x?api_key=[redacted]&limit=2'],
    ['token in query', 'http://h/x?a=1&access_token=t', 'http://h/x?a=1&access_token=[redacted]'],
    ['userinfo', 'http://user:pw@h/x', 'http://[redacted]@h/x'],
    ['nothing secret', 'http://h/v1/albums?limit=100&offset=0', 'http://h/v1/albums?limit=100&offset=0'],
  ];
  for (const [name, given, want] of urlCases)
    test(`url: ${name}`, () => assert.equal(redactUrl(given), want));

  test('curl: literal credentials go, variables stay', () => {
    assert.equal(
      redactCurl(
        `curl 'http://h/x?api_key=zz' -H 'X-API-Key: zz' -H "Authorization: Bearer $TOKEN" -H 'Accept: */*'`,
      ),
      `curl 'http://h/x?api_key=[redacted]' -H 'X-API-Key: [redacted]' -H "Authorization: Bearer $TOKEN" -H 'Accept: */*'`,
    );
    assert.equal(
      redactCurl(`curl -H 'Authorization: Bearer abc'`),
      `curl -H 'Authorization: Bearer [redacted]'`,
    );
  });
});
