import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import type { TestCase } from '../../src/cases/types.ts';
import { RepeatDeletes } from '../../src/contract/repeat-deletes.ts';
import type { Send } from '../../src/contract/types.ts';
import { sendRequest } from '../../src/http/send-request.ts';
import type { Exchange } from '../../src/http/types.ts';
import type { Operation } from '../../src/spec/types.ts';
import { runAgainstAdmin } from '../contract/run-against-admin.ts';

/**
 * Several DELETE cases address one fixture, one after the other. Once one
 * removed it, "record not found" is the right answer to the next: that case
 * is a gone case (judged on conformance), never "API rejected
 * schema-compliant request". A DELETE the server refuses removed nothing, so
 * the next one is still a valid case: a valid DELETE refused with an
 * undocumented 400 stays an error (admin-faults.test.ts, `delete-400`).
 */
const deleteRole = { id: 'deleteRole', method: 'delete', path: '/roles/{id}' } as Operation;
const envelope = { code: '/code', ok: [0], message: '/msg', data: '/data' };

function deleteCase(id: number, expectation: TestCase['expectation'] = 'valid'): TestCase {
  return {
    operationId: 'deleteRole',
    phase: 'positive',
    expectation,
    description: 'random valid request #1',
    request: { pathParams: { id }, query: {}, headers: {} },
  };
}

function answer(status: number, json: unknown): Exchange {
  return { response: { status, json } } as unknown as Exchange;
}

describe('repeat DELETEs on a fixture the run removed (unit)', () => {
  test('after an accepted DELETE, a valid one on the same resource is a gone case; others are untouched', () => {
    const repeats = new RepeatDeletes(envelope);
    assert.equal(repeats.rewrite(deleteRole, deleteCase(4)).expectation, 'valid');
    repeats.observe(deleteRole, deleteCase(4), answer(200, { code: 0, data: {}, msg: 'deleted' }));
    const again = repeats.rewrite(deleteRole, deleteCase(4));
    assert.equal(again.expectation, 'any');
    assert.equal(again.tombstone, true);
    assert.match(again.description, /an earlier DELETE of this run removed/);
    assert.equal(repeats.rewrite(deleteRole, deleteCase(5)).expectation, 'valid', 'another fixture');
    assert.equal(
      repeats.rewrite(deleteRole, deleteCase(4, 'unauthorized')).expectation,
      'unauthorized',
      'only valid cases change',
    );
  });

  test('a refused DELETE (envelope code 7, a 4xx, no answer) removed nothing', () => {
    const repeats = new RepeatDeletes(envelope);
    repeats.observe(deleteRole, deleteCase(4), answer(200, { code: 7, data: {}, msg: 'role is held' }));
    repeats.observe(deleteRole, deleteCase(4), answer(400, { code: 7 }));
    repeats.observe(deleteRole, deleteCase(4), undefined);
    assert.equal(repeats.rewrite(deleteRole, deleteCase(4)).expectation, 'valid');
  });
});

describe('repeat DELETEs on the clean admin-api', () => {
  test('"record not found" on a fixture the run deleted is no finding on DELETE /roles/{id} or /files/{id}', async () => {
    const notFound = new Map<string, number>();
    const send: Send = async (request, options) => {
      const exchange = await sendRequest(request, options);
      if (request.method === 'DELETE' && /record not found/.test(exchange.response.body)) {
        const path = new URL(request.url).pathname;
        notFound.set(path, (notFound.get(path) ?? 0) + 1);
      }
      return exchange;
    };
    const { run } = await runAgainstAdmin([], { seed: 1 }, send);
    // The case of the issue happened: a fixture met more DELETEs after it was gone (cases and the gone phase).
    for (const kind of ['roles', 'files'])
      assert.ok(
        [...notFound].some(([path, n]) => path.startsWith(`/api/${kind}/`) && n >= 2),
        `no repeated DELETE on ${kind}: ${JSON.stringify([...notFound])}`,
      );
    const onDeletes = run.findings.filter((f) => /^DELETE \/(roles|files)\/\{id\}$/.test(f.operation));
    assert.deepEqual(
      onDeletes.map((f) => `${f.severity} ${f.check} ${f.operation}: ${f.received}`),
      [],
    );
  });
});
