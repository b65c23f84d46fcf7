import assert from 'node:assert/strict';
import { execFile, execFileSync, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { describe, test } from 'vitest';
import { runContract } from '../../src/contract/run-contract.ts';
import type { ContractRun } from '../../src/contract/types.ts';
import { loadSpec } from '../../src/spec/load-spec.ts';
import { describeFindings } from './run-against.ts';

/**
 * Every documented body kind end to end against a real Gin server
 * (test/support/bodies-api): multipart with a generated file, urlencoded,
 * text/plain, octet-stream. Without faults every operation answers its 2xx
 * and nothing is reported; each fault is found by the right check on the
 * right operation only. Every step has a timeout, so a hang fails instead of
 * stalling the suite.
 */
const dir = resolve(import.meta.dirname, '../support/bodies-api');
const specPath = resolve(import.meta.dirname, '../fixtures/specs/bodies.openapi.json');
const run = promisify(execFile);

async function runAgainstBodies(faults: string[]): Promise<ContractRun> {
  execFileSync('go', ['build', '-o', 'bin/bodies-api', '.'], {
    cwd: dir,
    stdio: 'inherit',
    timeout: 120_000,
  });
  const child = spawn(resolve(dir, 'bin/bodies-api'), [], {
    env: { ...process.env, BODIES_FAULTS: faults.join(',') },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  try {
    const baseURL = await new Promise<string>((done, fail) => {
      const timer = setTimeout(() => fail(new Error('bodies-api did not start in 15 s')), 15_000);
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const match = /listening on (http:\/\/\S+)/.exec(line);
        if (match) {
          clearTimeout(timer);
          done(match[1]);
        }
      });
      child.once('exit', (code) => fail(new Error(`bodies-api exited with ${code}`)));
    });
    const spec = await loadSpec(specPath);
    return await runContract({
      spec,
      baseURL,
      headers: {},
      secrets: [],
      options: { maxCases: 5, workers: 2, timeoutMs: 10_000 },
      signal: AbortSignal.timeout(90_000),
    });
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

const faults: [fault: string, check: string, operation: string][] = [
  ['upload-500', 'not-a-server-error', 'POST /uploads'],
  ['form-type', 'negative-data-rejected', 'POST /forms'],
  ['text-any-type', 'negative-data-rejected', 'POST /notes'],
  ['blob-empty-500', 'not-a-server-error', 'PUT /blob'],
];

describe('request bodies of every documented kind', { timeout: 600_000 }, () => {
  test('without faults: every operation answers its 2xx, zero findings', { timeout: 150_000 }, async () => {
    const result = await runAgainstBodies([]);
    assert.equal(result.aborted, undefined);
    assert.deepEqual(describeFindings(result), []);
    assert.deepEqual(result.generationProblems, []);
    for (const [id, status] of [
      ['upload', '201'],
      ['submitForm', '201'],
      ['postNote', '201'],
      ['putBlob', '200'],
    ]) {
      const op = result.operations.find((o) => o.operationId === id);
      assert.ok(op?.seen[status], `${id} never answered ${status}: ${JSON.stringify(op?.seen)}`);
      assert.ok(
        op.seen['400'] || op.seen['415'],
        `${id} never rejected anything: ${JSON.stringify(op.seen)}`,
      );
    }
  });

  for (const [fault, check, operation] of faults) {
    test(`${fault}: ${check} on ${operation}, nothing elsewhere`, { timeout: 150_000 }, async () => {
      const result = await runAgainstBodies([fault]);
      const found = describeFindings(result);
      assert.ok(
        result.findings.some((f) => f.check === check && f.operation === operation),
        `${fault} not reported by ${check} on ${operation}; got:\n${found.join('\n')}`,
      );
      assert.deepEqual(
        found.filter((line) => line.split(' | ')[1] !== operation),
        [],
        `${fault} reported elsewhere`,
      );
    });
  }

  test('the curl of a multipart finding sends the same upload (missing file part -> 500)', {
    timeout: 150_000,
  }, async () => {
    const result = await runAgainstBodies(['upload-500']);
    // The file part missing, not the empty-body case (no parts at all, so no printf).
    const finding = result.findings.find(
      (f) =>
        f.check === 'not-a-server-error' && f.operation === 'POST /uploads' && f.curl.startsWith('printf'),
    );
    assert.ok(finding, describeFindings(result).join('\n'));
    assert.match(
      finding.curl,
      /^printf -- '--tollgate-[0-9a-f]+\\015\\012Content-Disposition: form-data; name=/,
    );
    assert.match(finding.curl, /-H 'content-type: multipart\/form-data; boundary=tollgate-[0-9a-f]+'/);
    // Against a fresh server with the same fault, the repro meets the same 500.
    execFileSync('go', ['build', '-o', 'bin/bodies-api', '.'], { cwd: dir, timeout: 120_000 });
    const child = spawn(resolve(dir, 'bin/bodies-api'), [], {
      env: { ...process.env, BODIES_FAULTS: 'upload-500' },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    try {
      const baseURL = await new Promise<string>((done, fail) => {
        const timer = setTimeout(() => fail(new Error('bodies-api did not start in 15 s')), 15_000);
        createInterface({ input: child.stdout! }).on('line', (line) => {
          const match = /listening on (http:\/\/\S+)/.exec(line);
          if (match) {
            clearTimeout(timer);
            done(match[1]);
          }
        });
      });
      const curl = finding.curl.replace(/http:\/\/127\.0\.0\.1:\d+/, baseURL);
      const { stdout } = await run('sh', ['-c', curl], { timeout: 15_000 });
      assert.match(stdout, /^HTTP\/1\.1 500/);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  });
});
