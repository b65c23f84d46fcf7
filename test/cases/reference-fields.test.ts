import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import { createRng } from '../../src/cases/prng.ts';
import { sampleValue } from '../../src/cases/sample-value.ts';
import type { SchemaObject } from '../../src/spec/types.ts';

/**
 * A body field naming another resource takes its spec example: a random
 * `roleId` names no role, and the server refuses the request for that
 * instead of for what the case varies (admin-api's unenforced-required
 * fault was unreachable so). `id` and fields without an example stay random.
 */
const user: SchemaObject = {
  type: 'object',
  required: ['username', 'roleId'],
  properties: {
    id: { type: 'integer', minimum: 1, example: 1 },
    username: { type: 'string', minLength: 3, maxLength: 32, example: 'alice' },
    roleId: { type: 'integer', minimum: 1, example: 1 },
    parent_id: { type: 'integer', minimum: 0, example: 0 },
    groupIds: { type: 'array', items: { type: 'integer' }, example: [2, 3] },
    ownerId: { type: 'integer', minimum: 1 },
  },
};

function draws(referenceExamples?: boolean) {
  return Array.from({ length: 20 }, (_, i) =>
    sampleValue(user, {
      document: {},
      rng: createRng(i + 1),
      allOptional: true,
      ...(referenceExamples === undefined ? {} : { referenceExamples }),
    }),
  ) as Record<string, unknown>[];
}

describe('reference fields take their spec example', () => {
  test('roleId, parent_id and groupIds are their examples in every draw', () => {
    for (const body of draws()) {
      assert.equal(body.roleId, 1);
      assert.equal(body.parent_id, 0);
      assert.deepEqual(body.groupIds, [2, 3]);
    }
  });

  test('id, a reference without an example, and ordinary fields stay random', () => {
    const bodies = draws();
    const distinct = (key: string) => new Set(bodies.map((b) => JSON.stringify(b[key]))).size;
    assert.ok(distinct('id') > 1, 'id is the resource itself, not a reference');
    assert.ok(distinct('ownerId') > 1, 'no example: nothing to take');
    assert.ok(distinct('username') > 1, 'not a reference');
  });

  test('switched off (a retry after an example broke its schema): random again', () => {
    const roles = new Set(draws(false).map((b) => b.roleId));
    assert.ok(roles.size > 1, `roleId ${[...roles].join()}`);
  });
});
