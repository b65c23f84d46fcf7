import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import { TollgateError } from '../../src/errors/tollgate-error.ts';
import { resolveRef, resolveSchema } from '../../src/spec/resolve-ref.ts';

const document = {
  components: {
    schemas: {
      Node: { type: 'object', properties: { next: { $ref: '#/components/schemas/Node' } } },
      Alias: { $ref: '#/components/schemas/Node' },
      'main.Album': { type: 'object', required: ['title'] },
      'a/b': { type: 'string' },
      LoopA: { $ref: '#/components/schemas/LoopB' },
      LoopB: { $ref: '#/components/schemas/LoopA' },
    },
  },
};

describe('resolveRef', () => {
  test('follows one step and returns the target itself', () => {
    assert.equal(resolveRef(document, '#/components/schemas/Node'), document.components.schemas.Node);
  });

  test('swag names and escaped slashes resolve', () => {
    assert.deepEqual(resolveRef(document, '#/components/schemas/main.Album'), {
      type: 'object',
      required: ['title'],
    });
    assert.deepEqual(resolveRef(document, '#/components/schemas/a~1b'), { type: 'string' });
  });

  test('a missing target is TG_SPEC_REF naming the ref', () => {
    assert.throws(
      () => resolveRef(document, '#/components/schemas/Nope'),
      (e: unknown) =>
        e instanceof TollgateError &&
        e.code === 'TG_SPEC_REF' &&
        e.message.includes('#/components/schemas/Nope'),
    );
  });
});

describe('resolveSchema', () => {
  test('a circular schema resolves one level at a time', () => {
    const node = resolveSchema({ document }, { $ref: '#/components/schemas/Node' });
    assert.deepEqual((node.properties as Record<string, unknown>).next, {
      $ref: '#/components/schemas/Node',
    });
  });

  test('alias chains are followed to the schema', () => {
    assert.equal(
      resolveSchema({ document }, { $ref: '#/components/schemas/Alias' }),
      document.components.schemas.Node,
    );
  });

  test('a non-ref schema comes back unchanged', () => {
    const schema = { type: 'integer' };
    assert.equal(resolveSchema({ document }, schema), schema);
  });

  test('3.1 siblings that constrain are kept next to the target', () => {
    const got = resolveSchema({ document }, { $ref: '#/components/schemas/main.Album', minProperties: 1 });
    assert.deepEqual(got, { minProperties: 1, allOf: [document.components.schemas['main.Album']] });
  });

  test('a ref loop that never reaches a schema is an error', () => {
    assert.throws(
      () => resolveSchema({ document }, { $ref: '#/components/schemas/LoopA' }),
      /refers to itself/,
    );
  });
});
