import { baselineRequest, cloneRequest } from './baseline.ts';
import { type Candidate, interleave } from './classify.ts';
import { type Field, requestFields } from './fields.ts';
import { isUnsafeMethod } from './own-resources.ts';
import { createRng, deriveSeed, type Rng } from './prng.ts';
import { proseMaxLength } from './prose-limit.ts';
import { fillString, sampleValue } from './sample-value.ts';
import { view } from './schema-view.ts';
import { blankStringCandidates } from './traps.ts';
import type { CaseRequest, GenerationContext } from './types.ts';

/**
 * Phase (c): deterministic boundaries of every constrained field, at and
 * around each limit (minLength 2 / maxLength 10 gives lengths 1, 2, 3, 9, 10,
 * 11), plus every enum value. In-range values are 'valid', out-of-range ones
 * 'invalid'; classify() confirms each against the schema. Writes get only the
 * out-of-range path values: an in-range id (1, 2) names a real resource, not
 * one this run created. Large valid numbers (10^3, 10^6, 2^31-1) and long
 * strings go where the schema sets no upper limit, and empty and
 * whitespace-only strings everywhere they may go (traps.ts).
 */
export function boundaryCandidates(ctx: GenerationContext): Candidate[] {
  const rng = createRng(deriveSeed(ctx.options.seed, ctx.operation.id, 'boundary'));
  const binding = ctx.options.bindings?.[ctx.operation.id]?.[0];
  const base = baselineRequest(ctx, rng, { allOptional: true, binding, preferDefaults: true });
  const writes = isUnsafeMethod(ctx.operation.method);
  const fields = requestFields(ctx);
  const perField = fields.map((field) =>
    boundaryValues(field, ctx.spec.document, rng)
      .filter(({ valid }) => !(writes && field.where === 'path' && valid))
      .map(({ value, valid, loose, what }) => {
        const request = cloneRequest(base);
        field.set(request, value);
        return {
          expectation: loose ? 'any' : valid ? 'valid' : 'invalid',
          description: `${field.label} ${what}`,
          request,
        } as Candidate;
      }),
  );
  const variant = (description: string, change: (r: CaseRequest) => void): Candidate => {
    const request = cloneRequest(base);
    change(request);
    return { expectation: 'valid', description, request };
  };
  return [...blankStringCandidates(ctx, fields, variant), ...interleave(perField)];
}

const largeNumbers = [1000, 1_000_000, 2 ** 31 - 1];

interface BoundaryValue {
  value: unknown;
  valid: boolean;
  /** Valid under the schema, beyond a limit its description states (prose-limit.ts): either answer is right. */
  loose?: true;
  what: string;
}

export function boundaryValues(field: Field, document: Record<string, unknown>, rng: Rng): BoundaryValue[] {
  const v = view(document, field.schema);
  const s = v.schema;
  const out: BoundaryValue[] = [];
  if (Array.isArray(s.enum)) {
    for (const value of s.enum) out.push({ value, valid: true, what: `enum ${JSON.stringify(value)}` });
    return out;
  }
  const type = v.types[0];
  if (type === 'integer' || type === 'number') {
    const step = typeof s.multipleOf === 'number' ? s.multipleOf : type === 'integer' ? 1 : 0.01;
    const round = (n: number) => Number(n.toFixed(10));
    const lowest =
      v.minimum === undefined ? undefined : v.exclusiveMinimum ? round(v.minimum + step) : v.minimum;
    const highest =
      v.maximum === undefined ? undefined : v.exclusiveMaximum ? round(v.maximum - step) : v.maximum;
    if (v.minimum !== undefined && lowest !== undefined) {
      const limit = `${v.exclusiveMinimum ? 'exclusiveMinimum' : 'minimum'} (${v.minimum})`;
      out.push({
        value: round(lowest - step),
        valid: false,
        what: `below ${limit}: ${round(lowest - step)}`,
      });
      out.push({ value: lowest, valid: true, what: `at ${limit}: ${lowest}` });
      out.push({
        value: round(lowest + step),
        valid: true,
        what: `just above ${limit}: ${round(lowest + step)}`,
      });
    }
    if (v.maximum !== undefined && highest !== undefined) {
      const limit = `${v.exclusiveMaximum ? 'exclusiveMaximum' : 'maximum'} (${v.maximum})`;
      out.push({
        value: round(highest - step),
        valid: true,
        what: `just below ${limit}: ${round(highest - step)}`,
      });
      out.push({ value: highest, valid: true, what: `at ${limit}: ${highest}` });
      out.push({
        value: round(highest + step),
        valid: false,
        what: `above ${limit}: ${round(highest + step)}`,
      });
    }
    // Deep pagination and 32-bit overflows hide behind large values nobody documents a limit for.
    for (const large of largeNumbers) {
      if ((lowest !== undefined && large < lowest) || (highest !== undefined && large > highest)) continue;
      if (type === 'number' || Number.isInteger(large / step))
        out.push({ value: large, valid: true, what: `large value ${large}` });
    }
  }
  if (type === 'string' && !s.format && !s.pattern) {
    const lengths = lengthsAround(s.minLength, s.maxLength);
    const loose = new Set<number>();
    // Unbounded strings: long but valid values (buffers, columns and logs sized for short ones).
    if (typeof s.maxLength !== 'number') {
      const prose = proseMaxLength(s);
      if (prose !== undefined)
        lengths.push([prose, true, `at the description's "at most ${prose} characters": length ${prose}`]);
      const longest = field.where === 'header' ? 1000 : 10_000;
      for (const n of [1000, longest]) {
        const beyond = prose !== undefined && n > prose;
        if (beyond) loose.add(n);
        lengths.push([
          n,
          true,
          beyond
            ? `long value, beyond the description's "at most ${prose} characters" (no maxLength): length ${n}`
            : `long value, no maxLength: length ${n}`,
        ]);
      }
    }
    for (const [length, valid, what] of lengths) {
      if (field.where === 'path' && length === 0) continue;
      const value = fillString(length, { rng, ascii: field.where !== 'body' });
      out.push({ value, valid, what, ...(loose.has(length) ? { loose: true as const } : {}) });
    }
  }
  if (type === 'array') {
    const items = (s.items as Record<string, unknown>) ?? {};
    for (const [count, valid, what] of lengthsAround(s.minItems, s.maxItems, 'Items', 'items')) {
      const values: unknown[] = [];
      for (let tries = 0; values.length < count && tries < count * 20 + 20; tries++) {
        const item = sampleValue(items, { document, rng, ascii: field.where !== 'body' });
        if (s.uniqueItems === true && values.some((x) => JSON.stringify(x) === JSON.stringify(item)))
          continue;
        values.push(item);
      }
      if (values.length === count) out.push({ value: values, valid, what });
    }
  }
  return dedupe(out);
}

/**
 * min-1, min, min+1, max-1, max, max+1 (lengths below 0 left out). The
 * description names the schema's limit and then what was sent:
 * `below minLength (4): length 3`.
 */
function lengthsAround(
  min: unknown,
  max: unknown,
  noun = 'Length',
  unit = 'length',
): [number, boolean, string][] {
  const out: [number, boolean, string][] = [];
  const sent = (n: number) => (unit === 'length' ? `length ${n}` : `${n} ${unit}`);
  if (typeof min === 'number') {
    const limit = `min${noun} (${min})`;
    if (min > 0) out.push([min - 1, false, `below ${limit}: ${sent(min - 1)}`]);
    out.push([min, true, `at ${limit}: ${sent(min)}`], [min + 1, true, `above ${limit}: ${sent(min + 1)}`]);
  }
  if (typeof max === 'number') {
    const limit = `max${noun} (${max})`;
    if (max > 0) out.push([max - 1, true, `below ${limit}: ${sent(max - 1)}`]);
    out.push([max, true, `at ${limit}: ${sent(max)}`], [max + 1, false, `above ${limit}: ${sent(max + 1)}`]);
  }
  const lo = typeof min === 'number' ? min : 0;
  const hi = typeof max === 'number' ? max : Number.POSITIVE_INFINITY;
  return out.filter(([n]) => n >= 0).map(([n, , what]) => [n, n >= lo && n <= hi, what]);
}

function dedupe(values: BoundaryValue[]): BoundaryValue[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = JSON.stringify(v.value);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
