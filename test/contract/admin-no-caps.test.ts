import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import type { Send } from '../../src/contract/types.ts';
import { sendRequest } from '../../src/http/send-request.ts';
import { errorLines, runAgainstAdmin } from './run-against-admin.ts';

/**
 * Issue 9 item 6 (no hidden caps) on a real Gin API: GET /files/chunk needs an
 * `uploadId` with `format: uuid` and no maxLength (36 characters) and a
 * `fileMd5` of minLength 32, both bound with Gin's binding tags (`uuid`,
 * `len=32`). An internal 24-character cap made such an operation "not fit"
 * and skipped it. The fault present (uuid-500: a well-formed uploadId panics)
 * is a row of admin-faults.test.ts, whose finding must carry a 36-character
 * uuid; this is the fault absent.
 */
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('no hidden caps on admin-api (uuid-500 absent)', () => {
  test('GET /files/chunk: 36-character uuids and 32-character md5s are generated and accepted; no finding, no generation problem', async () => {
    const accepted: { uploadId: string; fileMd5: string }[] = [];
    let requests = 0;
    const send: Send = async (request, options) => {
      const exchange = await sendRequest(request, options);
      const url = new URL(request.url);
      if (request.method === 'GET' && url.pathname === '/api/files/chunk') {
        requests++;
        if (/^\{"code":0\b/.test(exchange.response.body))
          accepted.push({
            uploadId: url.searchParams.get('uploadId') ?? '',
            fileMd5: url.searchParams.get('fileMd5') ?? '',
          });
      }
      return exchange;
    };
    const { run } = await runAgainstAdmin([], {}, send);
    const problems = run.generationProblems.filter((p) => p.operation === 'GET /files/chunk');
    assert.deepEqual(problems, [], 'a case of GET /files/chunk could not be generated');
    assert.deepEqual(errorLines(run), [], 'false alarms on the clean admin-api');
    const chunk = run.operations.find((o) => o.operation === 'GET /files/chunk');
    assert.equal(chunk?.findings, 0, JSON.stringify(chunk));
    assert.ok(accepted.length >= 10, `${accepted.length} of ${requests} GET /files/chunk requests accepted`);
    // The server's binding is real: whatever it accepted was a 36-character uuid and 32 characters of md5.
    for (const { uploadId, fileMd5 } of accepted) {
      assert.match(uploadId, uuid);
      assert.equal([...fileMd5].length, 32, fileMd5);
    }
  });
});
