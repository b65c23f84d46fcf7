import type { SchemaError } from './create-schema-validator.ts';
import type { Direction } from './to-json-schema.ts';

/** The parts of an ajv error this file reads. */
interface AjvError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** Skipped: they only repeat what the branch that failed already said. */
const noise = new Set(['if']);

/**
 * ajv errors as short, specific lines: the pointer names the exact field
 * (a missing property's own pointer, not its parent's) and the message says
 * what was found as well as what was expected.
 */
export function toSchemaErrors(errors: unknown[], value: unknown, direction: Direction): SchemaError[] {
  const out: SchemaError[] = [];
  const seen = new Set<string>();
  for (const raw of errors as AjvError[]) {
    if (noise.has(raw.keyword)) continue;
    const error = describeError(raw, value, direction);
    const key = `${error.pointer}\0${error.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(error);
  }
  return out;
}

function describeError(error: AjvError, value: unknown, direction: Direction): SchemaError {
  const { instancePath: pointer, schemaPath, params } = error;
  const message = error.message ?? error.keyword;
  switch (error.keyword) {
    case 'required':
      return {
        pointer: `${pointer}/${escapeSegment(String(params.missingProperty))}`,
        schemaPath,
        message: 'required property is missing',
      };
    case 'additionalProperties':
      return {
        pointer: `${pointer}/${escapeSegment(String(params.additionalProperty))}`,
        schemaPath,
        message: 'property is not allowed (additionalProperties: false)',
      };
    case 'false schema':
      return {
        pointer,
        schemaPath,
        message: `must not be present (${direction === 'request' ? 'readOnly' : 'writeOnly'})`,
      };
    case 'type':
      return { pointer, schemaPath, message: `${message}, got ${describeValue(valueAt(value, pointer))}` };
    case 'enum':
      return {
        pointer,
        schemaPath,
        message: `must be one of ${formatList(params.allowedValues)}, got ${short(valueAt(value, pointer))}`,
      };
    case 'const':
      return {
        pointer,
        schemaPath,
        message: `must be ${short(params.allowedValue)}, got ${short(valueAt(value, pointer))}`,
      };
    default:
      return { pointer, schemaPath, message };
  }
}

function valueAt(value: unknown, pointer: string): unknown {
  let node = value;
  for (const raw of pointer.split('/').slice(1)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[raw.replaceAll('~1', '/').replaceAll('~0', '~')];
  }
  return node;
}

function describeValue(value: unknown): string {
  return typeof value === 'string' ? `string ${short(value)}` : typeName(value);
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function formatList(values: unknown): string {
  return Array.isArray(values) ? values.map(short).join(', ') : short(values);
}

function short(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function escapeSegment(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}
