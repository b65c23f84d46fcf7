import type { Operation } from '../spec/types.ts';
import { baselineRequest, cloneRequest } from './baseline.ts';
import { bodyMedia } from './body-media.ts';
import { type Candidate, interleave } from './classify.ts';
import { type Field, requestFields } from './fields.ts';
import { createRng, deriveSeed } from './prng.ts';
import { view } from './schema-view.ts';
import { trapCandidates } from './traps.ts';
import type { CaseRequest, GenerationContext } from './types.ts';

/**
 * Phase (d): requests the spec says are wrong: wrong types, missing required
 * fields, values outside enums, unknown properties where
 * `additionalProperties: false`, malformed or empty or oversized bodies, a
 * wrong Content-Type, missing required headers. Injection-shaped and unicode
 * strings go in every string field with expectation 'any' (a server may take
 * them, it must not fall over). classify() drops any "negative" that is valid.
 */
const injections = [
  "' OR '1'='1",
  '<script>alert(1)</script>',
  '../../../etc/passwd',
  '$' + '{jndi:ldap://x/a}',
  '%00',
  '{{7*7}}',
];
const unicodes = ['Ω≈ç√∫˜µ≤≥÷', '𝕿𝖔𝖑𝖑𝖌𝖆𝖙𝖊', '\u202eevil', 'e\u0301\u0301\u0301', '🎵🎶', '\u0000nul'];

export function negativeCandidates(ctx: GenerationContext): Candidate[] {
  const rng = createRng(deriveSeed(ctx.options.seed, ctx.operation.id, 'negative'));
  const binding = ctx.options.bindings?.[ctx.operation.id]?.[0];
  const base = baselineRequest(ctx, rng, { allOptional: true, binding, preferDefaults: true });
  const variant = (
    description: string,
    change: (r: CaseRequest) => void,
    expectation: Candidate['expectation'] = 'invalid',
  ) => {
    const request = cloneRequest(base);
    change(request);
    return { expectation, description, request } as Candidate;
  };
  const fields = requestFields(ctx);
  const perField = fields.map((field) => fieldVariants(ctx, field, variant));
  // Body-level variants first: few, and each reaches a different server path (400, 413, 415).
  const body = bodyVariants(ctx.operation, base, variant, ctx.options.oversizedBytes ?? 1024 * 1024 + 1).map(
    (c) => ({
      ...c,
      core: true,
    }),
  );
  const traps = trapCandidates(ctx, fields, base, variant, rng);
  return [...body, ...traps, ...interleave(perField)];
}

type Variant = (
  description: string,
  change: (r: CaseRequest) => void,
  expectation?: Candidate['expectation'],
) => Candidate;

function fieldVariants(ctx: GenerationContext, field: Field, variant: Variant): Candidate[] {
  const v = view(ctx.spec.document, field.schema);
  const out: Candidate[] = [];
  if (field.required) {
    const missingHeader = field.where === 'header';
    const missing = variant(
      `${field.label} missing`,
      (r) => field.remove(r),
      missingHeader ? 'missing-header' : 'invalid',
    );
    out.push({ ...missing, core: true });
  }
  if (field.file) {
    const name = field.label.slice('body.'.length);
    out.push({
      ...variant(`${field.label} sent as a plain field, not a file`, (r) => {
        r.plainParts = [...(r.plainParts ?? []), name];
      }),
      core: true,
    });
  }
  for (const [what, value] of wrongTypeValues(v.types[0], field.form ? 'query' : field.where)) {
    const candidate = variant(`${field.label} ${what}`, (r) => field.set(r, value));
    // Go's json takes null for an optional field as absent (negative-data-rejected.ts).
    out.push(value === null && !field.required ? { ...candidate, leniency: 'null-as-absent' } : candidate);
  }
  if (Array.isArray(v.schema.enum))
    out.push(variant(`${field.label} not in enum`, (r) => field.set(r, 'tollgate-not-an-enum-value')));
  if (v.types[0] === 'object' && !v.additionalProperties) {
    out.push(
      variant(`${field.label} with an unknown property`, (r) => {
        const current = currentValue(r, field);
        field.set(r, { ...(current as object), tollgateUnexpected: 1 });
      }),
    );
  }
  if (v.types.includes('string') || v.types.length === 0) {
    const all = [...injections, ...unicodes];
    // Headers carry ASCII only; a '/' in a path value would change the route instead of the value.
    const safe =
      field.where === 'header'
        ? injections.filter((s) => s !== '%00')
        : field.where === 'path'
          ? all.filter((s) => !s.includes('/'))
          : all;
    for (const text of safe) {
      out.push({
        ...variant(`${field.label} = ${JSON.stringify(text)}`, (r) => field.set(r, text), 'any'),
        upgradeWhenInvalid: true,
      });
    }
  }
  return out;
}

function currentValue(r: CaseRequest, field: Field): unknown {
  const probe = structuredClone(r);
  let seen: unknown;
  const name = field.label.split('.').pop() ?? '';
  if (field.where === 'body') {
    const path = field.label.slice('body.'.length).split('.');
    seen = path.reduce<unknown>(
      (node, key) => (node as Record<string, unknown> | undefined)?.[key],
      probe.body,
    );
  } else
    seen = (
      field.where === 'query' ? probe.query : field.where === 'path' ? probe.pathParams : probe.headers
    )[name];
  return seen && typeof seen === 'object' ? seen : {};
}

/** Values of another JSON type; on the wire (query, path, header) only what a string can carry. */
function wrongTypeValues(type: string | undefined, where: Field['where']): [string, unknown][] {
  const wire = where !== 'body';
  const table: Record<string, [string, unknown][]> = {
    integer: [
      ['as text', 'tollgate'],
      ['as a fraction', 1.5],
      ...(wire ? [] : ([['as a string', '1']] as [string, unknown][])),
    ],
    number: [['as text', 'tollgate'], ...(wire ? [] : ([['as a string', '1']] as [string, unknown][]))],
    boolean: [['as text', 'tollgate']],
    string: wire
      ? []
      : [
          ['as a number', 12345],
          ['as null', null],
        ],
    array: wire ? [] : [['as an object', { tollgate: 1 }]],
    object: wire
      ? []
      : [
          ['as an array', []],
          ['as a string', 'tollgate'],
        ],
  };
  return type ? (table[type] ?? []) : [];
}

function bodyVariants(
  operation: Operation,
  base: CaseRequest,
  variant: Variant,
  oversizedBytes: number,
): Candidate[] {
  const media = bodyMedia(operation);
  if (!operation.requestBody || !media) return [];
  const wrongMedia = (type: string) =>
    variant(`body sent as ${type}`, (r) => {
      r.contentType = type;
    });
  const out: Candidate[] =
    media.kind === 'json'
      ? [
          variant('malformed JSON body', (r) => {
            r.rawBody = '{"tollgate": ';
          }),
          { ...wrongMedia('text/plain'), leniency: 'ignored-content-type' },
          variant('body as a JSON array', (r) => {
            r.body = [r.body];
          }),
        ]
      : [wrongMedia('application/json')];
  // A multipart handler (c.FormFile) cannot read an urlencoded form.
  if (media.kind === 'multipart' && !('application/x-www-form-urlencoded' in operation.requestBody.content))
    out.push(wrongMedia('application/x-www-form-urlencoded'));
  if (operation.requestBody.required) {
    out.push(
      variant('empty body', (r) => {
        r.rawBody = '';
      }),
    );
  }
  if (media.kind !== 'json') return out;
  const bodyObject =
    base.body && typeof base.body === 'object' && !Array.isArray(base.body) ? base.body : undefined;
  const stringKey =
    bodyObject &&
    Object.keys(bodyObject).find((k) => typeof (bodyObject as Record<string, unknown>)[k] === 'string');
  out.push({
    ...variant(
      `oversized body (${oversizedBytes} bytes)`,
      (r) => {
        const padded = stringKey ? { ...(r.body as object), [stringKey]: '' } : { tollgatePadding: '' };
        const shell = JSON.stringify(padded);
        const key = stringKey ?? 'tollgatePadding';
        const fill = 'x'.repeat(Math.max(0, oversizedBytes - shell.length));
        r.rawBody = JSON.stringify({ ...padded, [key]: fill });
      },
      'any',
    ),
    upgradeWhenInvalid: true,
  });
  return out;
}
