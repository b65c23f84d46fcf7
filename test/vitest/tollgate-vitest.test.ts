import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, test } from 'vitest';
import { toMatchSpec } from '../../src/vitest/to-match-spec.ts';

// Issue 14 §1: `tollgate/vitest` (toMatchSpec, contractTests) on the worked
// example in suites/vitest/, run by the real vitest against the reference
// API that tollgate.config.ts's local environment builds and starts.
const root = resolve(import.meta.dirname, '../..');
const scratch = mkdtempSync(join(tmpdir(), 'tollgate-vitest-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Outcome {
  title: string;
  status: string;
  message: string;
}

function runExample(name: string, env: Record<string, string> = {}): Promise<Outcome[]> {
  const outputFile = join(scratch, `${name}.json`);
  return new Promise((done, fail) => {
    execFile(
      'npx',
      [
        'vitest',
        'run',
        '-c',
        'suites/vitest/vitest.config.ts',
        '--reporter=json',
        `--outputFile=${outputFile}`,
      ],
      { cwd: root, env: { ...process.env, ...env, TOLLGATE_ENV: 'local' }, timeout: 240_000 },
      (error, stdout, stderr) => {
        try {
          const report = JSON.parse(readFileSync(outputFile, 'utf8'));
          done(
            report.testResults.flatMap((file: { assertionResults: Record<string, unknown>[] }) =>
              file.assertionResults.map((a) => ({
                title: [...(a.ancestorTitles as string[]), a.title].join(' › '),
                status: a.status as string,
                message: ((a.failureMessages as string[]) ?? []).join('\n'),
              })),
            ),
          );
        } catch {
          fail(new Error(`vitest wrote no report (${error?.message}):\n${stdout}${stderr}`));
        }
      },
    );
  });
}

describe('tollgate/vitest against the reference API', () => {
  test('fault absent: every example and contract test passes', async () => {
    const outcomes = await runExample('clean');
    assert.ok(outcomes.length > 40, `the contract tests were registered: ${outcomes.length}`);
    assert.deepEqual(
      outcomes.filter((o) => o.status !== 'passed').map((o) => `${o.title}: ${o.message.slice(0, 300)}`),
      [],
    );
  });

  test('fault present (list items without artist): toMatchSpec and the GET /v1/albums contract tests fail, nothing else', async () => {
    const outcomes = await runExample('missing-field', { ALBUMS_FAULTS: 'missing-field' });
    const failed = outcomes.filter((o) => o.status === 'failed');
    const listing = failed.find((o) => o.title === 'albums (vitest) › lists the catalogue as the spec says');
    assert.ok(listing, failed.map((o) => o.title).join('; '));
    assert.match(listing.message, /GET \/v1\/albums: Response violates schema/);
    assert.match(listing.message, /\/items\/0\/artist required property is missing/);
    const contract = failed.filter((o) => o !== listing);
    assert.ok(contract.length > 0, 'a contract test failed');
    for (const o of contract) {
      assert.match(o.title, /^GET \/v1\/albums › /, `only the listing operation fails: ${o.title}`);
      assert.match(o.message, /\[response-schema\]/);
    }
    assert.ok(outcomes.filter((o) => o.status === 'passed').length > 40);
  });

  test('toMatchSpec on a response no tollgate client fetched fails with one clear line', () => {
    const result = toMatchSpec(new Response('{}'));
    assert.equal(result.pass, false);
    assert.match(result.message(), /openTollgate\(\)'s api or http client/);
    assert.equal(toMatchSpec({ nothing: true }).pass, false);
  });
});
