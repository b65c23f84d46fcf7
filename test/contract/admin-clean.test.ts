import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import { errorLines, runAgainstAdmin } from './run-against-admin.ts';

describe('contract engine on the clean admin-api (envelope configured)', () => {
  for (const seed of [1, 7, 20260101]) {
    test(`seed ${seed}: zero error findings`, async () => {
      const { run } = await runAgainstAdmin([], { seed });
      assert.deepEqual(errorLines(run), [], 'false alarms on the clean admin-api');
      assert.equal(run.aborted, undefined);
      assert.ok(run.cases > 300, `only ${run.cases} cases ran`);
      const login = run.operations.find((o) => o.operation === 'POST /base/login');
      assert.ok(login?.seen['200'], `login saw ${JSON.stringify(login?.seen)}`);
      // The two swag mistakes the spec carries, each once, as spec warnings (not findings).
      assert.deepEqual(
        (run.specWarnings ?? []).map((w) => `${w.code} ${w.operations?.join(',')}`),
        ['body-on-bodiless-status DELETE /files/{id}', 'undefined-security-scheme GET /files/chunk'],
      );
    });
  }
});
