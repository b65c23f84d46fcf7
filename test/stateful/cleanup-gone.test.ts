import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import { selectChecks } from '../../src/contract/check-selection.ts';
import { cleanup } from '../../src/contract/cleanup.ts';
import type { CaseRunner } from '../../src/contract/execute-case.ts';
import { loadSpec } from '../../src/spec/load-spec.ts';
import { CleanupLedger } from '../../src/stateful/cleanup-ledger.ts';
import { adminEnvelope } from '../contract/run-against-admin.ts';
import { adminSpecPath, startAdminApi } from '../support/admin-server.ts';

/**
 * admin-api answers a DELETE of a missing role with `{"code": 7, "msg":
 * "record not found"}` inside HTTP 200, the same shape as a refusal. Cleanup
 * tells them apart by the role's read: gone (code 7 there too) is deleted;
 * still readable (the delete-refused fault) is a leftover. Real admin-api.
 */
async function cleanupOfOneRole(faults: string[], deleteFirst: boolean) {
  const api = await startAdminApi({ faults });
  try {
    const spec = await loadSpec(adminSpecPath);
    const auth = { authorization: `Bearer ${api.token}` };
    const made = await fetch(`${api.baseURL}/api/roles`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ roleName: 'cleanup-gone' }),
    });
    const json = (await made.json()) as { data: { id: number } };
    const operation = spec.operations.find((op) => op.method === 'post' && op.path === '/roles');
    assert.ok(operation);
    const ledger = new CleanupLedger(spec, adminEnvelope);
    const response = { status: 200, headers: {}, json };
    const create = { operation, request: { pathParams: {}, query: {}, headers: {} }, response };
    ledger.recordFrom(create, ledger.bind(create));
    assert.deepEqual(
      ledger.pending().map((e) => e.label),
      [`DELETE /roles/${json.data.id}`],
    );
    if (deleteFirst)
      await fetch(`${api.baseURL}/api/roles/${json.data.id}`, { method: 'DELETE', headers: auth });
    const runner: CaseRunner = {
      spec,
      target: { baseURL: api.baseURL, headers: auth },
      secrets: [],
      seed: 1,
      timeoutMs: 2000,
      selection: selectChecks({}),
      handleMethodNotAllowed: false,
      envelope: adminEnvelope,
    };
    const sent = await cleanup(ledger, runner, 5000);
    const read = (await (
      await fetch(`${api.baseURL}/api/roles/${json.data.id}`, { headers: auth })
    ).json()) as {
      code: number;
    };
    return { sent, summary: ledger.summary(), there: read.code === 0 };
  } finally {
    await api.stop();
  }
}

describe('a DELETE answered "record not found" inside HTTP 200', () => {
  test('the role is gone already: counted deleted after its read says so', async () => {
    const { sent, summary, there } = await cleanupOfOneRole([], true);
    assert.equal(there, false);
    assert.deepEqual(summary, { created: 1, deleted: 1, leftover: [] });
    assert.equal(sent, 3, 'a DELETE, the retry, then the read');
  });

  test('fault present (delete-refused): the role is still readable, so a leftover with why', async () => {
    const { summary, there } = await cleanupOfOneRole(['delete-refused'], false);
    assert.equal(there, true);
    assert.equal(summary.deleted, 0);
    assert.match(
      summary.leftover[0] ?? '',
      /^DELETE \/roles\/\d+: answered 200 with code 7: role deletion is locked \(tried twice\)$/,
    );
  });

  test('fault absent: the first DELETE takes', async () => {
    const { sent, summary, there } = await cleanupOfOneRole([], false);
    assert.equal(there, false);
    assert.equal(sent, 1);
    assert.deepEqual(summary, { created: 1, deleted: 1, leftover: [] });
  });
});
