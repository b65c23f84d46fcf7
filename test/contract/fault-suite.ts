import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import { contractFaults } from './fault-table.ts';
import { describeFindings, runAgainstAlbums } from './run-against.ts';

/** Half the table per file, so the two files run in parallel. */
export function faultSuite(part: 0 | 1): void {
  describe(`contract faults, part ${part + 1}`, () => {
    for (const [fault, check, operation, setup] of contractFaults.filter((_, i) => i % 2 === part)) {
      test(`${fault}: ${check} on ${operation}, nothing elsewhere`, async () => {
        const run = await runAgainstAlbums([fault], setup?.options, setup?.env);
        const found = describeFindings(run);
        assert.ok(
          run.findings.some((f) => f.check === check && f.operation === operation),
          `${fault} not reported by ${check} on ${operation}; got:\n${found.join('\n')}`,
        );
        const elsewhere = found.filter((line) => line.split(' | ')[1] !== operation);
        assert.deepEqual(elsewhere, [], `${fault} reported on other operations`);
        const finding = run.findings.find((f) => f.check === check)!;
        assert.match(finding.replayId, /^[0-9a-f]{12}$/);
        // Bytes a shell word cannot carry (a body in the wrong encoding) reach curl through printf on stdin.
        assert.match(finding.curl, /^(curl |printf -- .+ \| curl )/s, finding.curl);
        assert.doesNotMatch(JSON.stringify(run), /Bearer [0-9a-f]{24}/, 'the token leaked into the result');
      });
    }
  });
}
