import { type DiffContext, report } from './diff-context.ts';
import { canonical, type SchemaAt, type SchemaView, viewSchema } from './schema-view.ts';

type Subject =
  | 'request-parameter'
  | 'request-body'
  | 'request-property'
  | 'response-body'
  | 'response-property';

export interface SchemaPlace {
  operation: string;
  subject: Subject;
  /** What the text names: `query parameter limit`, `request property artist/name`, `200 application/json body`. */
  label: string;
  /** Property path below the body (`data/id`), '' at the top. */
  path: string;
}

/**
 * Compares one schema in the base with its counterpart in the revision, in
 * the direction that matters: a request schema must not get narrower, a
 * response schema must not get wider. Recurses into properties, items and
 * oneOf branches; `seen` stops at a pair of schemas already compared (cycles).
 */
export function compareSchemas(
  ctx: DiffContext,
  place: SchemaPlace,
  base: SchemaAt,
  revision: SchemaAt,
  seen = new Set<string>(),
): void {
  const b = viewSchema(ctx.base.spec.document, base);
  const r = viewSchema(ctx.revision.spec.document, revision);
  const key = `${b.pointer}|${r.pointer}`;
  if (seen.has(key)) return;
  seen.add(key);
  const at = { base: b.pointer, revision: r.pointer };
  const { subject, operation } = place;
  const say = (id: string, text: string) => report(ctx, id, operation, `${place.label}: ${text}`, at);

  if (b.types && r.types && (b.types.join() !== r.types.join() || (b.format ?? '') !== (r.format ?? ''))) {
    say(`${subject}-type-changed`, `type/format changed from ${typeText(b)} to ${typeText(r)}`);
    return;
  }
  if (subject.startsWith('response') && !b.nullable && r.nullable) {
    say(
      subject === 'response-body' ? 'response-body-became-nullable' : 'response-property-became-nullable',
      'became nullable',
    );
  }
  compareEnums(say, subject, b, r);
  compareBounds(say, subject, b, r);
  comparePatterns(say, subject, b, r);
  compareOneOf(ctx, place, b, r, seen);
  if (subject !== 'request-parameter') compareProperties(ctx, place, b, r, seen);
  if (b.items && r.items) {
    const itemPlace = { ...place, subject: nested(subject), path: join(place.path, 'items') };
    compareSchemas(ctx, { ...itemPlace, label: labelOf(place, itemPlace.path) }, b.items, r.items, seen);
  }
}

type Say = (id: string, text: string) => void;

function compareEnums(say: Say, subject: Subject, b: SchemaView, r: SchemaView): void {
  const added =
    subject === 'response-body' ? 'response-mediatype-enum-value-added' : `${subject}-enum-value-added`;
  const removed =
    subject === 'response-body' ? 'response-mediatype-enum-value-removed' : `${subject}-enum-value-removed`;
  if (b.enum && r.enum) {
    const before = new Set(b.enum.map(canonical));
    const after = new Set(r.enum.map(canonical));
    for (const v of before) if (!after.has(v)) say(removed, `enum value ${v} was removed`);
    for (const v of after) if (!before.has(v)) say(added, `enum value ${v} was added`);
  } else if (!b.enum && r.enum && (subject === 'request-parameter' || subject === 'request-property')) {
    say(`${subject}-became-enum`, `became an enum of ${r.enum.map(canonical).join(', ')}`);
  }
}

const bounds = [
  ['max', 'maximum'],
  ['min', 'minimum'],
  ['max-length', 'maxLength'],
  ['min-length', 'minLength'],
] as const;

function compareBounds(say: Say, subject: Subject, b: SchemaView, r: SchemaView): void {
  for (const [id, key] of bounds) {
    const before = b[key];
    const after = r[key];
    if (before === after) continue;
    if (before === undefined) say(`${subject}-${id}-set`, `${key} ${after} was set`);
    else if (after === undefined) say(`${subject}-${id}-unset`, `${key} ${before} was removed`);
    else {
      const change = after < before ? 'decreased' : 'increased';
      say(`${subject}-${id}-${change}`, `${key} ${change} from ${before} to ${after}`);
    }
  }
}

function comparePatterns(say: Say, subject: Subject, b: SchemaView, r: SchemaView): void {
  if (b.pattern === r.pattern || r.pattern === undefined) return;
  if (subject === 'request-parameter' || subject === 'request-property') {
    if (b.pattern === undefined) say(`${subject}-pattern-added`, `pattern ${r.pattern} was added`);
    else say(`${subject}-pattern-changed`, `pattern changed from ${b.pattern} to ${r.pattern}`);
  } else if (subject === 'response-property' && b.pattern !== undefined) {
    say('response-property-pattern-changed', `pattern changed from ${b.pattern} to ${r.pattern}`);
  }
}

/** Branches match by what they are (a `$ref` target, else their normalised text), not by position. */
function compareOneOf(
  ctx: DiffContext,
  place: SchemaPlace,
  b: SchemaView,
  r: SchemaView,
  seen: Set<string>,
): void {
  if (!b.oneOf || !r.oneOf || place.subject === 'request-parameter') return;
  const keyOf = (doc: Record<string, unknown>, branch: SchemaAt) => {
    const v = viewSchema(doc, branch);
    return v.refs.length > 0 ? v.refs[v.refs.length - 1].replace(/^.*\//, '') : canonical(branch.schema);
  };
  const before = new Map(b.oneOf.map((x) => [keyOf(ctx.base.spec.document, x), x]));
  const after = new Map(r.oneOf.map((x) => [keyOf(ctx.revision.spec.document, x), x]));
  const at = { base: b.pointer, revision: r.pointer };
  const { subject } = place;
  for (const [k, x] of before) {
    const match = after.get(k);
    if (match) compareSchemas(ctx, place, x, match, seen);
    else
      report(
        ctx,
        `${subject}-one-of-removed`,
        place.operation,
        `${place.label}: oneOf branch ${k} was removed`,
        at,
      );
  }
  for (const k of after.keys()) {
    if (!before.has(k))
      report(
        ctx,
        `${subject}-one-of-added`,
        place.operation,
        `${place.label}: oneOf branch ${k} was added`,
        at,
      );
  }
}

function compareProperties(
  ctx: DiffContext,
  place: SchemaPlace,
  b: SchemaView,
  r: SchemaView,
  seen: Set<string>,
): void {
  const request = place.subject.startsWith('request');
  const hidden = (doc: Record<string, unknown>, p: SchemaAt) => {
    const v = viewSchema(doc, p);
    return request ? v.readOnly : v.writeOnly;
  };
  const baseDoc = ctx.base.spec.document;
  const revDoc = ctx.revision.spec.document;
  for (const [name, bp] of b.properties) {
    if (hidden(baseDoc, bp)) continue;
    const path = join(place.path, name);
    const rp = r.properties.get(name);
    const wasRequired = b.required.has(name);
    const isRequired = r.required.has(name);
    const at = { base: bp.pointer, revision: rp?.pointer ?? r.pointer };
    const say = (id: string, text: string) => report(ctx, id, place.operation, text, at);
    const kind = request ? 'request property' : 'response property';
    if (!rp) {
      if (request) say('request-property-removed', `request property ${path} was removed`);
      else if (wasRequired)
        say(
          'response-required-property-removed',
          `required response property ${path} was removed (${place.label})`,
        );
      else
        say(
          'response-optional-property-removed',
          `optional response property ${path} was removed (${place.label})`,
        );
      continue;
    }
    if (request && !wasRequired && isRequired)
      say('request-property-became-required', `${kind} ${path} became required`);
    if (request && wasRequired && !isRequired)
      say('request-property-became-optional', `${kind} ${path} became optional`);
    if (!request && wasRequired && !isRequired)
      say('response-property-became-optional', `${kind} ${path} became optional (${place.label})`);
    if (!request && !wasRequired && isRequired)
      say('response-property-became-required', `${kind} ${path} became required (${place.label})`);
    const sub = nested(place.subject);
    compareSchemas(
      ctx,
      { ...place, subject: sub, path, label: labelOf({ ...place, subject: sub }, path) },
      bp,
      rp,
      seen,
    );
  }
  for (const [name, rp] of r.properties) {
    if (b.properties.has(name) || hidden(revDoc, rp)) continue;
    const path = join(place.path, name);
    const required = r.required.has(name);
    const at = { base: b.pointer, revision: rp.pointer };
    const id = request
      ? required
        ? 'new-required-request-property'
        : 'new-optional-request-property'
      : required
        ? 'response-required-property-added'
        : 'response-optional-property-added';
    const what = request ? 'request property' : 'response property';
    report(ctx, id, place.operation, `${required ? 'required' : 'optional'} ${what} ${path} was added`, at);
  }
}

function nested(subject: Subject): Subject {
  if (subject === 'request-body') return 'request-property';
  if (subject === 'response-body') return 'response-property';
  return subject;
}

function join(path: string, name: string): string {
  return path ? `${path}/${name}` : name;
}

function labelOf(place: SchemaPlace, path: string): string {
  const side = place.subject.startsWith('request') ? 'request' : 'response';
  return `${side} property ${path}`;
}

function typeText(v: SchemaView): string {
  return `${(v.types ?? []).join('|') || 'any'}${v.format ? `/${v.format}` : ''}`;
}
