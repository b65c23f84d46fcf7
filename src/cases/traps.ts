import type { Candidate } from './classify.ts';
import type { Field } from './fields.ts';
import type { Rng } from './prng.ts';
import { view } from './schema-view.ts';
import type { CaseRequest, GenerationContext } from './types.ts';

/**
 * Values Gin handlers trip on, each kind tried once per operation whatever
 * `maxCases` says (they are `core`): numbers beyond int64 and float64 and
 * `1e400`, Unicode that breaks naive string handling (combining marks,
 * emoji, right-to-left override, NUL) in a string and in a path segment, a
 * very long value, non-object JSON for an object body, and malformed JSON of
 * every kind Go's decoder tells apart (syntax error at the start, in the
 * middle, trailing garbage, UTF-16 instead of UTF-8, truncated). The empty
 * and whitespace-only strings are in `blankStringCandidates` (boundary phase).
 */
type Variant = (
  description: string,
  change: (r: CaseRequest) => void,
  expectation?: Candidate['expectation'],
) => Candidate;

const int64Overflows = ['9223372036854775808', '-9223372036854775809', '1e400'];
const unicodeTraps: [string, string][] = [
  ['combining marks', 'e\u0301\u0302\u0303\u0304'],
  ['emoji', '\u{1F3B5}\u{1F469}\u200D\u{1F469}\u200D\u{1F467}'],
  ['right-to-left override', '\u202Eevil\u202C'],
  ['NUL', 'a\u0000b'],
];

export function trapCandidates(
  ctx: GenerationContext,
  fields: Field[],
  base: CaseRequest,
  variant: Variant,
  rng: Rng,
): Candidate[] {
  const out: Candidate[] = [];
  const any = (description: string, change: (r: CaseRequest) => void) => ({
    ...variant(description, change, 'any'),
    upgradeWhenInvalid: true,
    core: true,
  });
  for (const field of fields) {
    const type = view(ctx.spec.document, field.schema).types[0];
    if (type !== 'integer' && type !== 'number') continue;
    for (const text of int64Overflows) {
      out.push(any(`${field.label} = ${text} (beyond int64/float64)`, (r) => setRaw(r, field, text)));
    }
  }
  const strings = fields.filter(
    (f) => f.where !== 'header' && view(ctx.spec.document, f.schema).types[0] === 'string',
  );
  const text = strings.length ? rng.pick(strings) : undefined;
  const path = fields.find((f) => f.where === 'path');
  for (const field of new Set([text, path].filter((f) => f !== undefined))) {
    for (const [what, value] of unicodeTraps) {
      out.push(any(`${field.label} with ${what}`, (r) => field.set(r, value)));
    }
  }
  if (text) {
    const length = text.where === 'body' ? 100_000 : 10_000;
    out.push(any(`${text.label} very long (${length} characters)`, (r) => text.set(r, 'x'.repeat(length))));
  }
  return [...out, ...malformedBodies(ctx, base, variant)];
}

/** A field set to a raw JSON number (`1e400` has no JS value) or, on the wire, to its text. */
function setRaw(request: CaseRequest, field: Field, text: string): void {
  if (field.where !== 'body' || field.form) {
    field.set(request, text);
    return;
  }
  const marker = `tollgate-raw-number-${text}`;
  field.set(request, marker);
  request.rawBody = JSON.stringify(request.body).replace(JSON.stringify(marker), text);
}

const trailing = 'JSON with trailing garbage';

function malformedBodies(ctx: GenerationContext, base: CaseRequest, variant: Variant): Candidate[] {
  if (!ctx.operation.requestBody || !base.contentType || !/json/.test(base.contentType)) return [];
  const valid = JSON.stringify(base.body ?? {});
  const colon = valid.indexOf(':');
  const middle = colon > 0 ? `${valid.slice(0, colon + 1)},${valid.slice(colon + 1)}` : `[1,,${valid}]`;
  const utf16 = `\uFEFF${valid}`;
  const kinds: [string, (r: CaseRequest) => void][] = [
    ['JSON syntax error at the start', (r) => setBody(r, `not json ${valid}`)],
    ['JSON syntax error in the middle', (r) => setBody(r, middle)],
    [trailing, (r) => setBody(r, `${valid} tollgate`)],
    [
      'JSON in UTF-16 instead of UTF-8',
      (r) => {
        setBody(r, Buffer.from(utf16, 'utf16le').toString('latin1'));
        r.rawEncoding = 'latin1';
      },
    ],
    [
      'JSON truncated in the middle',
      (r) => setBody(r, valid.slice(0, Math.max(1, Math.floor(valid.length / 2)))),
    ],
  ];
  const schemaTypes = view(ctx.spec.document, bodySchemaOf(ctx)).types;
  if (schemaTypes.includes('object') || schemaTypes.length === 0) {
    for (const raw of ['true', '[]', '"x"'])
      kinds.push([`body is ${raw}, not an object`, (r) => setBody(r, raw)]);
  }
  return kinds.map(([description, change]) => ({
    ...variant(description, change),
    core: true,
    ...(description === trailing ? { leniency: 'trailing-bytes' as const } : {}),
  }));
}

function setBody(request: CaseRequest, raw: string): void {
  request.rawBody = raw;
}

function bodySchemaOf(ctx: GenerationContext) {
  const type = Object.keys(ctx.operation.requestBody?.content ?? {}).find((t) => /json/.test(t));
  return (type && ctx.operation.requestBody?.content[type].schema) || {};
}

/**
 * Empty strings where no minLength forbids them (Gin's `binding:"required"`
 * rejects `""`) and whitespace-only strings: valid or invalid as the schema
 * says, so a server that disagrees with its spec either way is caught.
 * Headers are left out (HTTP trims their whitespace), and empty path values
 * (they change the route).
 */
export function blankStringCandidates(
  ctx: GenerationContext,
  fields: Field[],
  variant: Variant,
): Candidate[] {
  const out: Candidate[] = [];
  for (const field of fields) {
    if (field.where === 'header' || field.file) continue;
    const v = view(ctx.spec.document, field.schema);
    if (v.types[0] !== 'string' || Array.isArray(v.schema.enum)) continue;
    const min = typeof v.schema.minLength === 'number' ? v.schema.minLength : 0;
    const max = typeof v.schema.maxLength === 'number' ? v.schema.maxLength : 3;
    if (field.where !== 'path' && typeof v.schema.minLength !== 'number')
      out.push({
        ...variant(`empty string in ${field.label} (no minLength)`, (r) => field.set(r, '')),
        byValidity: true,
        core: true,
      });
    const spaces = ' '.repeat(Math.max(1, Math.min(Math.max(min, 3), max)));
    out.push({
      ...variant(`whitespace-only ${field.label} (${spaces.length} spaces)`, (r) => field.set(r, spaces)),
      byValidity: true,
      core: true,
    });
  }
  return out;
}
