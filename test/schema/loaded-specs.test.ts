import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { describe, test } from 'vitest';
import { createSchemaValidator } from '../../src/schema/create-schema-validator.ts';
import { loadSpec } from '../../src/spec/load-spec.ts';
import type { LoadedSpec, SchemaObject } from '../../src/spec/types.ts';

/**
 * The validator on specs as the loader delivers them (3.1, 3.0 and converted
 * Swagger 2.0): every schema compiles, every example the spec gives passes in
 * its direction, and a value of the wrong shape fails.
 */

const root = resolve(import.meta.dirname, '../..');
const sources = [
  'specs/albums.openapi.yaml',
  'test/fixtures/specs/petstore-3.0.yaml',
  'test/fixtures/specs/swag-2.0.yaml',
];

interface Sample {
  where: string;
  schema: SchemaObject;
  value: unknown;
  direction: 'request' | 'response';
}

function samples(spec: LoadedSpec): Sample[] {
  const out: Sample[] = [];
  for (const op of spec.operations) {
    for (const [type, media] of Object.entries(op.requestBody?.content ?? {})) {
      for (const value of examplesOf(media))
        out.push({ where: `${op.id} request ${type}`, schema: media.schema!, value, direction: 'request' });
    }
    for (const [status, response] of Object.entries(op.responses)) {
      for (const [type, media] of Object.entries(response.content)) {
        for (const value of examplesOf(media)) {
          out.push({
            where: `${op.id} ${status} ${type}`,
            schema: media.schema!,
            value,
            direction: 'response',
          });
        }
      }
    }
  }
  return out;
}

function examplesOf(media: { schema?: SchemaObject; example?: unknown; examples?: unknown[] }): unknown[] {
  if (!media.schema) return [];
  return [...(media.example === undefined ? [] : [media.example]), ...(media.examples ?? [])].map((e) =>
    e && typeof e === 'object' && 'value' in e ? (e as { value: unknown }).value : e,
  );
}

describe('the validator on loaded specs', () => {
  for (const source of sources) {
    test(source, async () => {
      const spec = await loadSpec(resolve(root, source));
      const validator = createSchemaValidator(spec);
      let schemas = 0;
      for (const op of spec.operations) {
        for (const response of Object.values(op.responses)) {
          for (const [type, media] of Object.entries(response.content)) {
            if (!media.schema) continue;
            schemas++;
            // Compiles, and a string where a JSON object or array is documented fails
            // (a text/plain body, such as GET /metrics, is documented as a string).
            if (!/json/i.test(type)) continue;
            const result = validator.validate(media.schema, '\u0000not-a-document', 'response');
            const anything = validator.validate(media.schema, {}, 'response');
            assert.ok(!result.valid || anything.valid, `${op.id}: a string passed`);
          }
        }
        for (const p of op.parameters) validator.validate(p.schema, 'x', 'request');
      }
      assert.ok(schemas > 0, 'no response schemas found');
      for (const sample of samples(spec)) {
        const result = validator.validate(sample.schema, sample.value, sample.direction);
        assert.ok(result.valid, `${sample.where}: ${JSON.stringify(result)}`);
      }
    });
  }

  for (const source of ['test/fixtures/specs/circular/root.yaml', 'test/fixtures/specs/circular/self.yaml']) {
    test(`recursive schemas: ${source}`, async () => {
      const spec = await loadSpec(resolve(root, source));
      const schema = spec.operations[0].responses['200'].content['application/json'].schema!;
      const validator = createSchemaValidator(spec);
      const deep = (bad: unknown) =>
        source.endsWith('self.yaml')
          ? { name: 'a', children: [{ name: 'b', children: [{ name: bad }] }] }
          : { name: 'a', pets: [{ name: 'p', owner: { name: 'b', pets: [{ name: bad }] } }] };
      assert.equal(validator.validate(schema, deep('ok'), 'response').valid, true);
      const bad = validator.validate(schema, deep(5), 'response');
      assert.equal(bad.valid, false);
      assert.match(
        !bad.valid ? bad.errors[0].pointer : '',
        source.endsWith('self.yaml')
          ? /^\/children\/0\/children\/0\/name$/
          : /^\/pets\/0\/owner\/pets\/0\/name$/,
      );
    });
  }

  test('albums: an Album with a string price fails, with the pointer', async () => {
    const spec = await loadSpec(resolve(root, 'specs/albums.openapi.yaml'));
    const getAlbum = spec.operations.find((op) => op.id === 'getAlbum')!;
    const schema = getAlbum.responses['200'].content['application/json'].schema!;
    const validator = createSchemaValidator(spec);
    const album = {
      id: 1,
      title: 'Blue Train',
      artist: 'John Coltrane',
      price: 56.99,
      createdAt: '2024-01-01T00:00:00Z',
    };
    assert.deepEqual(validator.validate(schema, album, 'response'), { valid: true });
    const bad = validator.validate(schema, { ...album, price: '56.99' }, 'response');
    assert.equal(bad.valid, false);
    assert.equal(!bad.valid && bad.errors[0].pointer, '/price');
  });
});
