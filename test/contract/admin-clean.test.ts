import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { errorLines, runAgainstAdmin } from './run-against-admin.ts';

const secured = [
  'POST /base/logout',
  'GET /users',
  'POST /users',
  'GET /users/{id}',
  'PUT /users/{id}',
  'DELETE /users/{id}',
  'GET /roles',
  'POST /roles',
  'GET /roles/{id}',
  'PUT /roles/{id}',
  'DELETE /roles/{id}',
  'GET /files',
  'POST /files/upload',
  'GET /files/chunk',
  'GET /files/{id}',
  'PUT /files/{id}',
  'DELETE /files/{id}',
];

/**
 * tollgate false alarms on this clean server that an open item of issue 8
 * still owns: `check | operation | title` -> the item. Each is a tollgate
 * bug; an entry goes when its item lands. Anything else is a new false alarm
 * and fails the test.
 */
const known = new Map<string, string>([
  // The fixture phase runs POST /base/logout, which revokes the run's token.
  ...secured.map(
    (op) =>
      [`positive-data-accepted | ${op} | API rejected valid credentials`, 'issue 8 item 3'] as [
        string,
        string,
      ],
  ),
  // Business rules (captcha, unknown role, record not found) refuse schema-valid requests with code 7.
  ...[
    'POST /base/login',
    'POST /users',
    'POST /roles',
    'GET /users/{id}',
    'GET /roles/{id}',
    'GET /files/{id}',
  ].map(
    (op) =>
      [`positive-data-accepted | ${op} | API rejected schema-compliant request`, 'issue 8 item 4'] as [
        string,
        string,
      ],
  ),
]);

describe('contract engine on the clean admin-api (envelope configured)', () => {
  for (const seed of [1, 7, 20260101]) {
    test(`seed ${seed}: no error finding beyond the known false alarms of open items`, async () => {
      const { run } = await runAgainstAdmin([], { seed });
      const unexpected = errorLines(run).filter((line) => !known.has(line));
      assert.deepEqual(unexpected, [], 'new false alarms on the clean admin-api');
      assert.equal(run.aborted, undefined);
      assert.ok(run.cases > 300, `only ${run.cases} cases ran`);
      const login = run.operations.find((o) => o.operation === 'POST /base/login');
      assert.ok(login?.seen['200'], `login saw ${JSON.stringify(login?.seen)}`);
    });
  }
});
