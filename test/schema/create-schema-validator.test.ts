import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import { createSchemaValidator, schemaValidatorFor } from '../../src/schema/create-schema-validator.ts';
import type { Direction } from '../../src/schema/to-json-schema.ts';
import type { SchemaObject } from '../../src/spec/types.ts';
import { albums31, albumsDocument31, pets30, petsDocument30 } from '../checks/support/spec-fixtures.ts';

const albumSchema = albumsDocument31.components.schemas.Album;
const ownerSchema = petsDocument30.components.schemas.Owner;
const petRef = { $ref: '#/components/schemas/Pet' };

const album = { id: 1, title: 'Blue Train', artist: 'John Coltrane', price: 9.99 };
const owner = { name: 'Ann', pets: [{ petType: 'cat', name: 'Tom' }] };

type Row = [
  string,
  {
    schema: SchemaObject;
    value: unknown;
    direction?: Direction;
    valid: boolean;
    pointer?: string;
    message?: RegExp;
  },
];

const rows31: Row[] = [
  ['valid album', { schema: albumSchema, value: album, valid: true }],
  [
    'wrong type names the field and what came',
    {
      schema: albumSchema,
      value: { ...album, price: '9.99' },
      valid: false,
      pointer: '/price',
      message: /must be number, got string "9.99"/,
    },
  ],
  [
    'missing required points at the property',
    {
      schema: albumSchema,
      value: { id: 1, title: 'x', price: 1 },
      valid: false,
      pointer: '/artist',
      message: /required/,
    },
  ],
  [
    'readOnly not required in requests',
    { schema: albumSchema, value: { title: 'x', artist: 'y', price: 0 }, direction: 'request', valid: true },
  ],
  [
    'readOnly not allowed in requests',
    {
      schema: albumSchema,
      value: { ...album },
      direction: 'request',
      valid: false,
      pointer: '/id',
      message: /readOnly/,
    },
  ],
  [
    'readOnly required in responses',
    { schema: albumSchema, value: { title: 'x', artist: 'y', price: 0 }, valid: false, pointer: '/id' },
  ],
  [
    'writeOnly not allowed in responses',
    {
      schema: albumSchema,
      value: { ...album, secret: 's' },
      valid: false,
      pointer: '/secret',
      message: /writeOnly/,
    },
  ],
  [
    'writeOnly allowed in requests',
    {
      schema: albumSchema,
      value: { title: 'x', artist: 'y', price: 0, secret: 's' },
      direction: 'request',
      valid: true,
    },
  ],
  [
    'known format is checked',
    { schema: albumSchema, value: { ...album, released: 'yesterday' }, valid: false, pointer: '/released' },
  ],
  [
    'unknown format is ignored',
    { schema: albumSchema, value: { ...album, catalog: 'anything' }, valid: true },
  ],
  [
    'ref by pointer',
    {
      schema: { $ref: '#/components/schemas/AlbumPage' },
      value: { items: [{ ...album, price: -1 }], total: 1 },
      valid: false,
      pointer: '/items/0/price',
    },
  ],
];

const rows30: Row[] = [
  ['valid owner', { schema: ownerSchema, value: owner, valid: true }],
  ['nullable string accepts null', { schema: ownerSchema, value: { ...owner, name: null }, valid: true }],
  ['nullable enum accepts null', { schema: ownerSchema, value: { ...owner, status: null }, valid: true }],
  [
    'enum still checked',
    {
      schema: ownerSchema,
      value: { ...owner, status: 'lost' },
      valid: false,
      pointer: '/status',
      message: /one of "active", "gone"/,
    },
  ],
  ['nullable allOf accepts null', { schema: ownerSchema, value: { ...owner, best: null }, valid: true }],
  [
    'non-nullable array rejects null',
    { schema: ownerSchema, value: { ...owner, pets: null }, valid: false, pointer: '/pets' },
  ],
  [
    'exclusiveMinimum true excludes the bound',
    { schema: ownerSchema, value: { ...owner, age: 0 }, valid: false, pointer: '/age' },
  ],
  ['exclusiveMinimum true allows above', { schema: ownerSchema, value: { ...owner, age: 1 }, valid: true }],
  [
    'uuid format checked',
    { schema: ownerSchema, value: { ...owner, id: 'nope' }, valid: false, pointer: '/id' },
  ],
  ['discriminator by mapping name', { schema: petRef, value: { petType: 'cat', name: 'Tom' }, valid: true }],
  [
    'discriminator picks one variant though both match',
    { schema: petRef, value: { petType: 'dog', name: 'Rex', bark: null }, valid: true },
  ],
  [
    'discriminator validates the chosen variant',
    { schema: petRef, value: { petType: 'dog', name: 5 }, valid: false, pointer: '/name' },
  ],
  [
    'unknown discriminator value',
    {
      schema: petRef,
      value: { petType: 'cow', name: 'x' },
      valid: false,
      pointer: '/petType',
      message: /one of "cat", "dog"/,
    },
  ],
];

describe('createSchemaValidator', () => {
  for (const [label, rows, spec] of [
    ['3.1', rows31, albums31],
    ['3.0', rows30, pets30],
  ] as const) {
    const validator = createSchemaValidator(spec);
    for (const [name, { schema, value, direction, valid, pointer, message }] of rows) {
      test(`${label}: ${name}`, () => {
        const result = validator.validate(schema, value, direction ?? 'response');
        assert.equal(result.valid, valid, JSON.stringify(result));
        if (!result.valid && pointer !== undefined) {
          const hit = result.errors.find((e) => e.pointer === pointer);
          assert.ok(hit, `no error at ${pointer}: ${JSON.stringify(result.errors)}`);
          if (message) assert.match(hit.message, message);
        }
      });
    }
  }

  test('a schema object that is a copy (not in the document) still resolves its refs', () => {
    const validator = createSchemaValidator(albums31);
    const copy = { type: 'array', items: { $ref: '#/components/schemas/Track' } };
    assert.equal(validator.validate(copy, [{ id: 1, title: 'a' }], 'response').valid, true);
    assert.equal(validator.validate(copy, [{ id: 'x', title: 'a' }], 'response').valid, false);
  });

  test('is cached per spec and fast on repeat calls', () => {
    const validator = schemaValidatorFor(albums31);
    assert.equal(schemaValidatorFor(albums31), validator);
    const started = performance.now();
    for (let i = 0; i < 5000; i++)
      validator.validate(albumSchema, { ...album, price: i % 2 ? 1 : 'x' }, 'response');
    const perCall = (performance.now() - started) / 5000;
    assert.ok(perCall < 0.2, `validate took ${perCall.toFixed(4)} ms per call`);
  });
});
