import type { SchemaObject } from '../spec/types.ts';
import type { Rng } from './prng.ts';
import { referenceExample } from './reference-fields.ts';
import { sampleFormat } from './sample-format.ts';
import { samplePattern } from './sample-pattern.ts';
import { GenerationProblem, isReadOnly, schemaExamples, view } from './schema-view.ts';

/**
 * Positive data: a value the schema accepts, drawn with the seeded PRNG.
 * Requests omit readOnly properties; circular schemas stop adding optional
 * properties past `softDepth` and give up (GenerationProblem) past `hardDepth`.
 */
export interface SampleOptions {
  document: Record<string, unknown>;
  rng: Rng;
  /** Also fill every optional property (else a random subset). */
  allOptional?: boolean;
  /** Strings limited to ASCII (headers, and values that go on the wire unencoded). */
  ascii?: boolean;
  /** Prefer the schema's own example when it has one, else its `default`. */
  preferExamples?: boolean;
  /** Prefer the schema's `default` when it has one (the value a server is surely tuned for). */
  preferDefaults?: boolean;
  /** Fields naming another resource take their example (reference-fields.ts); default on. */
  referenceExamples?: boolean;
}

const softDepth = 4;
const hardDepth = 12;

export function sampleValue(schema: SchemaObject, options: SampleOptions, depth = 0): unknown {
  if (depth > hardDepth)
    throw new GenerationProblem('schema nests too deep (circular $ref with required fields?)');
  const v = view(options.document, schema);
  const s = v.schema;
  if (s.const !== undefined) return s.const;
  if (Array.isArray(s.enum) && s.enum.length) {
    const values = s.enum.filter((e) => e !== null);
    if (!values.length) return null;
    return options.rng.pick(values);
  }
  if (options.preferExamples) {
    const examples = schemaExamples(s);
    if (examples.length) return structuredClone(options.rng.pick(examples));
  }
  if ((options.preferExamples || options.preferDefaults) && s.default !== undefined)
    return structuredClone(s.default);
  for (const key of ['oneOf', 'anyOf'] as const) {
    if (Array.isArray(s[key]) && (s[key] as unknown[]).length) {
      const branch = options.rng.pick(s[key] as SchemaObject[]);
      const { [key]: _drop, ...rest } = s;
      return sampleValue({ ...rest, ...branch }, options, depth + 1);
    }
  }
  const type = v.types.length ? options.rng.pick(v.types) : v.nullable ? 'null' : 'string';
  switch (type) {
    case 'null':
      return null;
    case 'boolean':
      return options.rng.chance(0.5);
    case 'integer':
    case 'number':
      return sampleNumber(v.schema, type, options.rng);
    case 'string':
      return sampleString(s, options);
    case 'array':
      return sampleArray(s, options, depth);
    case 'object':
      return sampleObject(schema, options, depth);
    default:
      throw new GenerationProblem(`unsupported schema type ${JSON.stringify(type)}`);
  }
}

/** A number inside [minimum, maximum] honouring exclusive bounds and multipleOf. */
function sampleNumber(schema: SchemaObject, type: 'integer' | 'number', rng: Rng): number {
  const v = view({}, schema);
  const step = typeof schema.multipleOf === 'number' ? schema.multipleOf : type === 'integer' ? 1 : 0.01;
  let lo = v.minimum ?? Math.min(0, v.maximum ?? 0) - (v.maximum === undefined ? 0 : 100);
  let hi = v.maximum ?? lo + 1000;
  if (v.exclusiveMinimum) lo += step;
  if (v.exclusiveMaximum) hi -= step;
  const first = Math.ceil(lo / step - 1e-9);
  const last = Math.floor(hi / step + 1e-9);
  if (first > last) {
    const limits = [
      v.minimum === undefined ? '' : `${v.exclusiveMinimum ? 'exclusiveMinimum' : 'minimum'} ${v.minimum}`,
      v.maximum === undefined ? '' : `${v.exclusiveMaximum ? 'exclusiveMaximum' : 'maximum'} ${v.maximum}`,
      typeof schema.multipleOf === 'number' ? `multipleOf ${schema.multipleOf}` : '',
    ];
    throw new GenerationProblem(`no ${type} fits ${limits.filter(Boolean).join(', ')}`);
  }
  const span = Math.min(last - first, 10_000);
  const n = first + rng.int(0, span);
  return Number((n * step).toFixed(10));
}

const asciiAlphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_';
const unicodeExtras = ['é', 'ß', 'ж', '漢', '字', '🎵', 'ñ', 'ø'];

function sampleString(schema: SchemaObject, options: Pick<SampleOptions, 'rng' | 'ascii'>): string {
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  // No cap of our own: only the schema's limits bound a string.
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : Number.POSITIVE_INFINITY;
  if (min > max) throw new GenerationProblem(`minLength ${min} is above maxLength ${max}`);
  if (typeof schema.pattern === 'string') return samplePattern(schema.pattern, min, max, options.rng);
  if (typeof schema.format === 'string') {
    const formatted = sampleFormat(schema.format, options.rng);
    if (formatted !== undefined) {
      const length = [...formatted].length;
      if (length > max)
        throw new GenerationProblem(
          `format ${schema.format} needs ${length} characters, above maxLength ${max}`,
        );
      if (length < min)
        throw new GenerationProblem(
          `format ${schema.format} gives ${length} characters, below minLength ${min}`,
        );
      return formatted;
    }
  }
  const hi = Math.min(max, min + 16);
  const length = options.rng.int(min === 0 && hi >= 1 ? 1 : min, hi);
  return fillString(length, options);
}

/** A string of exactly `length` code points. */
export function fillString(length: number, options: Pick<SampleOptions, 'rng' | 'ascii'>): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    const unicode = !options.ascii && options.rng.chance(0.1);
    out += unicode ? options.rng.pick(unicodeExtras) : options.rng.pick([...asciiAlphabet]);
  }
  return out;
}

function sampleArray(s: SchemaObject, options: SampleOptions, depth: number): unknown[] {
  const min = typeof s.minItems === 'number' ? s.minItems : 0;
  const max = typeof s.maxItems === 'number' ? s.maxItems : min + 3;
  if (min > max) throw new GenerationProblem(`minItems ${min} is above maxItems ${max}`);
  const count = depth >= softDepth ? min : options.rng.int(min, Math.min(max, min + 3));
  const items = (s.items as SchemaObject | undefined) ?? {};
  const out: unknown[] = [];
  const seen = new Set<string>();
  for (let tries = 0; out.length < count && tries < count * 20 + 20; tries++) {
    const item = sampleValue(items, options, depth + 1);
    const key = JSON.stringify(item);
    if (s.uniqueItems === true && seen.has(key)) continue;
    seen.add(key);
    out.push(item);
  }
  if (out.length < min)
    throw new GenerationProblem(`uniqueItems with minItems ${min}: only ${out.length} distinct items found`);
  return out;
}

function sampleObject(schema: SchemaObject, options: SampleOptions, depth: number): Record<string, unknown> {
  const v = view(options.document, schema);
  const out: Record<string, unknown> = {};
  const names = Object.keys(v.properties).filter((name) => !isReadOnly(options.document, v.properties[name]));
  const minProps = typeof v.schema.minProperties === 'number' ? v.schema.minProperties : 0;
  const maxProps =
    typeof v.schema.maxProperties === 'number' ? v.schema.maxProperties : Number.POSITIVE_INFINITY;
  const property = (name: string) => {
    const schema = v.properties[name];
    const reference =
      options.referenceExamples !== false &&
      referenceExample(name, view(options.document, schema).schema, options.rng);
    return reference ? reference.value : sampleValue(schema, options, depth + 1);
  };
  for (const name of v.required) {
    if (!(name in v.properties)) out[name] = sampleValue({}, options, depth + 1);
    else out[name] = property(name);
  }
  for (const name of names) {
    if (name in out || Object.keys(out).length >= maxProps) continue;
    const wanted =
      Object.keys(out).length < minProps ||
      (depth < softDepth && (options.allOptional || options.rng.chance(0.5)));
    if (wanted) out[name] = property(name);
  }
  if (Object.keys(out).length < minProps)
    throw new GenerationProblem(`cannot reach minProperties ${minProps}`);
  return out;
}
