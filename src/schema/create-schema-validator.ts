import AjvDraft7 from 'ajv';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { TollgateError } from '../errors/tollgate-error.ts';
import type { LoadedSpec, SchemaObject } from '../spec/types.ts';
import { toSchemaErrors } from './format-errors.ts';
import { readLocalRef } from './local-ref.ts';
import { buildSchemaDocument, type SchemaDocument } from './schema-document.ts';
import { type Direction, isRecord, toJsonSchema } from './to-json-schema.ts';

/**
 * Validates values against the schemas of one loaded spec, the OpenAPI way:
 * 3.1 documents as JSON Schema 2020-12, 3.0 (and converted 2.0) documents
 * with `nullable`, boolean `exclusiveMinimum` and `discriminator` rewritten;
 * `readOnly` and `writeOnly` depend on the direction. The whole document is
 * registered once per direction; each schema is compiled once and cached by
 * object identity, so calling `validate` thousands of times is cheap.
 */

export interface SchemaError {
  /** JSON pointer into the value: `/items/0/price` ('' for the value itself). */
  pointer: string;
  /** Where in the schema the rule lives. */
  schemaPath: string;
  message: string;
}

type SchemaResult = { valid: true } | { valid: false; errors: SchemaError[] };

export interface SchemaValidator {
  validate(schema: SchemaObject | boolean, value: unknown, direction: Direction): SchemaResult;
}

type ValidateFunction = ((value: unknown) => boolean) & { errors?: unknown[] | null };

interface DirectionState {
  ajv: InstanceType<typeof AjvDraft7.default>;
  uri: string;
  doc: SchemaDocument;
  compiled: WeakMap<object, ValidateFunction>;
}

export function createSchemaValidator(
  spec: Pick<LoadedSpec, 'document' | 'dialect' | 'source'>,
): SchemaValidator {
  const states = new Map<Direction, DirectionState>();
  const resolve = (ref: string) => readLocalRef(spec.document, ref);

  const stateFor = (direction: Direction): DirectionState => {
    let state = states.get(direction);
    if (!state) {
      const options = { strict: false, allErrors: true, logger: false, validateSchema: false } as const;
      const ajv = spec.dialect === '3.1' ? new Ajv2020.default(options) : new AjvDraft7.default(options);
      addFormats.default(ajv);
      const uri = `tollgate://${direction}`;
      const doc = buildSchemaDocument(spec.document, direction, resolve);
      ajv.addSchema(doc.document, uri);
      state = { ajv: ajv as DirectionState['ajv'], uri, doc, compiled: new WeakMap() };
      states.set(direction, state);
    }
    return state;
  };

  const compile = (state: DirectionState, schema: object, direction: Direction): ValidateFunction => {
    const pointer = state.doc.pointers.get(schema);
    const target = pointer
      ? { $ref: `${state.uri}${pointer}` }
      : absolutiseRefs(toJsonSchema(schema, '#', { direction, resolve, seen: new WeakMap() }), state.uri);
    try {
      return state.ajv.compile(target as object) as ValidateFunction;
    } catch (error) {
      const where = pointer ?? JSON.stringify(schema).slice(0, 120);
      throw new TollgateError(
        'TG_SPEC_INVALID',
        `${spec.source}: schema ${where} does not compile: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
  };

  return {
    validate(schema, value, direction) {
      if (schema === true) return { valid: true };
      if (schema === false)
        return {
          valid: false,
          errors: [{ pointer: '', schemaPath: '#', message: 'no value is allowed here' }],
        };
      const state = stateFor(direction);
      let fn = state.compiled.get(schema);
      if (!fn) {
        fn = compile(state, schema, direction);
        state.compiled.set(schema, fn);
      }
      if (fn(value)) return { valid: true };
      return { valid: false, errors: toSchemaErrors(fn.errors ?? [], value, direction) };
    },
  };
}

const validators = new WeakMap<object, SchemaValidator>();

/** One validator per loaded spec, shared by every check and the load sampler. */
export function schemaValidatorFor(
  spec: Pick<LoadedSpec, 'document' | 'dialect' | 'source'>,
): SchemaValidator {
  let validator = validators.get(spec);
  if (!validator) {
    validator = createSchemaValidator(spec);
    validators.set(spec, validator);
  }
  return validator;
}

/** A schema that is not part of the document (e.g. a copy): its local refs point into the registered one. */
function absolutiseRefs(schema: unknown, uri: string): unknown {
  if (Array.isArray(schema)) return schema.map((item) => absolutiseRefs(item, uri));
  if (!isRecord(schema)) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    out[key] =
      key === '$ref' && typeof value === 'string' && value.startsWith('#')
        ? `${uri}${value}`
        : absolutiseRefs(value, uri);
  }
  return out;
}
