import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, test } from 'vitest';
import { boundaryValues } from '../../src/cases/boundaries.ts';
import { requestFields } from '../../src/cases/fields.ts';
import { createRng } from '../../src/cases/prng.ts';
import { proseMaxLength } from '../../src/cases/prose-limit.ts';
import type { Send } from '../../src/contract/types.ts';
import { sendRequest } from '../../src/http/send-request.ts';
import type { Finding } from '../../src/run/model.ts';
import { loadSpec } from '../../src/spec/load-spec.ts';
import { runAgainstAdmin } from '../contract/run-against-admin.ts';
import { adminSpecPath, startAdminApi } from '../support/admin-server.ts';

/**
 * `POST /files/upload` documents its note as "a note, at most 200
 * characters", in prose only (no maxLength), and admin-api refuses a longer
 * one with code 7. tollgate reads that narrow phrase: it sends a note at 200
 * as a valid case, and the long notes (1000, 10000) as cases either answer
 * suits. A valid note refused anyway is the spec being incomplete: one
 * warning with the server's message (`short-note`, console and JSON, exit 0);
 * refused with an undocumented 400 it stays an error (admin-faults.test.ts,
 * `short-note-400`).
 */
describe('limits stated in prose (unit)', () => {
  const rows: [string, number | undefined][] = [
    ['a note, at most 200 characters', 200],
    ['Up to 32 chars.', 32],
    ['no more than 5 characters long', 5],
    ['At most 1 MiB; a larger file is refused with code 7.', undefined],
    ['200 characters at most', undefined],
    ['', undefined],
  ];
  for (const [description, want] of rows)
    test(`${JSON.stringify(description)} -> ${want}`, () => {
      assert.equal(proseMaxLength({ type: 'string', description }), want);
    });

  test("the upload's note: length 200 valid, the long values 'any'; the description survives the 2.0 conversion", async () => {
    const spec = await loadSpec(adminSpecPath);
    const operation = spec.operations.find((op) => op.key === 'POST /files/upload');
    assert.ok(operation);
    const ctx = { spec, operation, options: { seed: 1, maxCases: 25 }, isValid: () => true };
    const note = requestFields(ctx).find((f) => f.label === 'body.note');
    assert.equal(note?.schema.description, 'a note, at most 200 characters');
    const values = boundaryValues(note, spec.document, createRng(1)).map((v) => [
      [...(v.value as string)].length,
      v.loose ? 'any' : v.valid,
    ]);
    assert.deepEqual(
      values.filter(([length]) => (length as number) >= 200),
      [
        [200, true],
        [1000, 'any'],
        [10_000, 'any'],
      ],
    );
  });
});

const noteOf = (body = '') => /name="note"\r\n\r\n([^\r]*)\r\n/.exec(body)?.[1];

describe('prose limits on admin-api', () => {
  test('clean: a 200-character note is sent as valid and accepted; nothing is reported on POST /files/upload', async () => {
    const answered: [number, number][] = [];
    const send: Send = async (request, options) => {
      const exchange = await sendRequest(request, options);
      const note = noteOf(request.body);
      if (request.url.endsWith('/files/upload') && note !== undefined)
        answered.push([[...note].length, (exchange.response.json as { code?: number })?.code ?? -1]);
      return exchange;
    };
    const { run } = await runAgainstAdmin([], { seed: 7 }, send);
    assert.ok(
      answered.some(([length, code]) => length === 200 && code === 0),
      JSON.stringify(answered),
    );
    assert.ok(
      answered.some(([length, code]) => length > 200 && code === 7),
      'the long notes were sent',
    );
    const onUpload = run.findings.filter((f) => f.operation === 'POST /files/upload');
    assert.deepEqual(
      onUpload.map((f) => `${f.severity} ${f.check}: ${f.received}`),
      [],
    );
  });

  test('short-note: ONE warning with the server message, in the console and contract.json; exit 0', async () => {
    const api = await startAdminApi({ faults: ['short-note'] });
    const cwd = mkdtempSync(join(tmpdir(), 'tollgate-prose-'));
    try {
      const runDir = join(cwd, 'run');
      const args = [
        'contract',
        '--spec',
        adminSpecPath,
        '--base-url',
        api.baseURL,
        '--header',
        `Authorization: Bearer ${api.token}`,
        '--envelope',
        'code=/code,ok=0,message=/msg,data=/data',
        '--run-dir',
        runDir,
      ];
      const { code, stdout, stderr } = await cli(args, cwd);
      assert.equal(code, 0, stdout + stderr);
      assert.match(stdout, /! warning: POST \/files\/upload {2}API rejected schema-compliant request/);
      const json = JSON.parse(readFileSync(join(runDir, 'contract.json'), 'utf8')) as {
        summary: { errors: number };
        findings: Finding[];
      };
      assert.equal(json.summary.errors, 0);
      const upload = json.findings.filter((f) => f.operation === 'POST /files/upload');
      assert.deepEqual(
        upload.map((f) => [f.check, f.severity]),
        [['positive-data-accepted', 'warning']],
      );
      assert.match(upload[0].received, /code 7: "note: at most 20 characters"/);
    } finally {
      await api.stop();
    }
  });
});

const bin = resolve(import.meta.dirname, '../../bin/tollgate.js');
function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile('node', [bin, ...args], { cwd, timeout: 120_000 }, (error, stdout, stderr) => {
      done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}
