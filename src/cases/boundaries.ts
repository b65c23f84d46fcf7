import { baselineRequest, cloneRequest } from './baseline.ts';
import { type Candidate, interleave } from './classify.ts';
import { type Field, requestFields } from './fields.ts';
import { isUnsafeMethod } from './own-resources.ts';
import { createRng, deriveSeed, type Rng } from './prng.ts';
import { fillString, sampleValue } from './sample-value.ts';
import { view } from './schema-view.ts';
import type { GenerationContext } from './types.ts';

/**
 * Phase (c): deterministic boundaries of every constrained field, at and
 * around each limit (minLength 2 / maxLength 10 gives lengths 1, 2, 3, 9, 10,
 * 11), plus every enum value. In-range values are 'valid', out-of-range ones
 * 'invalid'; classify() confirms each against the schema. Writes get only the
 * out-of-range path values: an in-range id (1, 2) names a real resource, not
 * one this run created.
 */
export function boundaryCandidates(ctx: GenerationContext): Candidate[] {
  const rng = createRng(deriveSeed(ctx.options.seed, ctx.operation.id, 'boundary'));
  const binding = ctx.options.bindings?.[ctx.operation.id]?.[0];
  const base = baselineRequest(ctx, rng, { allOptional: true, binding });
  const writes = isUnsafeMethod(ctx.operation.method);
  const perField = requestFields(ctx).map((field) =>
    boundaryValues(field, ctx.spec.document, rng)
      .filter(({ valid }) => !(writes && field.where === 'path' && valid))
      .map(({ value, valid, what }) => {
        const request = cloneRequest(base);
        field.set(request, value);
        return {
          expectation: valid ? 'valid' : 'invalid',
          description: `${field.label} ${what}`,
          request,
        } as Candidate;
      }),
  );
  return interleave(perField);
}

interface BoundaryValue {
  value: unknown;
  valid: boolean;
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
    if (v.minimum !== undefined) {
      const m = v.minimum;
      const lowest = v.exclusiveMinimum ? round(m + step) : m;
      out.push({
        value: round(lowest - step),
        valid: false,
        what: `below minimum (${round(lowest - step)})`,
      });
      out.push({ value: lowest, valid: true, what: `at minimum (${lowest})` });
      out.push({
        value: round(lowest + step),
        valid: true,
        what: `just above minimum (${round(lowest + step)})`,
      });
    }
    if (v.maximum !== undefined) {
      const m = v.maximum;
      const highest = v.exclusiveMaximum ? round(m - step) : m;
      out.push({
        value: round(highest - step),
        valid: true,
        what: `just below maximum (${round(highest - step)})`,
      });
      out.push({ value: highest, valid: true, what: `at maximum (${highest})` });
      out.push({
        value: round(highest + step),
        valid: false,
        what: `above maximum (${round(highest + step)})`,
      });
    }
  }
  if (type === 'string' && !s.format && !s.pattern) {
    for (const [length, valid, what] of lengthsAround(s.minLength, s.maxLength)) {
      if (field.where === 'path' && length === 0) continue;
      out.push({
        value: fillString(length, { rng, ascii: field.where !== 'body' }),
        valid,
        what: `${what} (${length})`,
      });
    }
  }
  if (type === 'array') {
    const items = (s.items as Record<string, unknown>) ?? {};
    for (const [count, valid, what] of lengthsAround(s.minItems, s.maxItems, 'Items')) {
      const values: unknown[] = [];
      for (let tries = 0; values.length < count && tries < count * 20 + 20; tries++) {
        const item = sampleValue(items, { document, rng, ascii: field.where !== 'body' });
        if (s.uniqueItems === true && values.some((x) => JSON.stringify(x) === JSON.stringify(item)))
          continue;
        values.push(item);
      }
      if (values.length === count) out.push({ value: values, valid, what: `${what} (${count})` });
    }
  }
  return dedupe(out);
}

/** min-1, min, min+1, max-1, max, max+1 (lengths below 0 left out). */
function lengthsAround(min: unknown, max: unknown, noun = 'Length'): [number, boolean, string][] {
  const out: [number, boolean, string][] = [];
  if (typeof min === 'number') {
    if (min > 0) out.push([min - 1, false, `below min${noun}`]);
    out.push([min, true, `at min${noun}`], [min + 1, true, `above min${noun}`]);
  }
  if (typeof max === 'number') {
    if (max > 0) out.push([max - 1, true, `below max${noun}`]);
    out.push([max, true, `at max${noun}`], [max + 1, false, `above max${noun}`]);
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
