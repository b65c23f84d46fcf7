import { childPointer, isObject } from '../spec/json-pointer.ts';
import { isRef, resolveRef } from '../spec/resolve-ref.ts';
import type { SchemaObject } from '../spec/types.ts';

/** A schema and where it sits in its (bundled) document. */
export interface SchemaAt {
  schema: SchemaObject;
  pointer: string;
}

/**
 * One schema as a client sees it, whatever way it was written: `$ref`s
 * followed, `allOf` merged, a one-branch `oneOf`/`anyOf` unwrapped, 3.0
 * `nullable`, 3.1 `type: [x, 'null']` and `oneOf: [x, {type: 'null'}]` all
 * one `nullable` flag. That is what makes a re-`$ref` or an allOf split a
 * non-change, where a textual diff sees one.
 */
export interface SchemaView {
  pointer: string;
  /** Sorted, without 'null'; undefined means any type. */
  types?: string[];
  format?: string;
  nullable: boolean;
  enum?: unknown[];
  properties: Map<string, SchemaAt>;
  required: Set<string>;
  items?: SchemaAt;
  /** The branches of a oneOf/anyOf with two or more non-null branches. */
  oneOf?: SchemaAt[];
  maximum?: number;
  minimum?: number;
  maxLength?: number;
  minLength?: number;
  pattern?: string;
  readOnly: boolean;
  writeOnly: boolean;
  deprecated: boolean;
  /** `$ref` targets passed through on the way here; with the pointer, what stops cycles. */
  refs: string[];
}

export function viewSchema(document: Record<string, unknown>, at: SchemaAt): SchemaView {
  const view: SchemaView = {
    pointer: at.pointer,
    nullable: false,
    properties: new Map(),
    required: new Set(),
    readOnly: false,
    writeOnly: false,
    deprecated: false,
    refs: [],
  };
  merge(document, view, at, new Set(), true);
  return view;
}

function merge(
  document: Record<string, unknown>,
  view: SchemaView,
  at: SchemaAt,
  seen: Set<string>,
  top = false,
): void {
  let { schema, pointer } = at;
  while (isRef(schema)) {
    const ref = schema.$ref;
    if (seen.has(ref)) return;
    seen.add(ref);
    view.refs.push(ref);
    const target = resolveRef(document, ref);
    const siblings = Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$ref'));
    if (Object.keys(siblings).length > 0) merge(document, view, { schema: siblings, pointer }, seen);
    schema = isObject(target) ? target : {};
    pointer = ref;
  }
  if (top) view.pointer = pointer;
  const s = schema;
  const type = s.type;
  if (Array.isArray(type)) {
    if (type.includes('null')) view.nullable = true;
    intersectTypes(
      view,
      type.filter((t): t is string => typeof t === 'string' && t !== 'null'),
    );
  } else if (type === 'null') view.nullable = true;
  else if (typeof type === 'string') intersectTypes(view, [type]);
  if (s.nullable === true) view.nullable = true;
  if (typeof s.format === 'string') view.format = s.format;
  if (Array.isArray(s.enum)) {
    const values = s.enum.filter((v) => v !== null);
    if (s.enum.includes(null)) view.nullable = true;
    view.enum = view.enum ? view.enum.filter((v) => values.some((w) => same(v, w))) : values;
  }
  if (typeof s.const !== 'undefined') view.enum = [s.const];
  if (isObject(s.properties)) {
    for (const [name, sub] of Object.entries(s.properties)) {
      if (isObject(sub))
        view.properties.set(
          name,
          both(view.properties.get(name), sub, childPointer(pointer, 'properties', name)),
        );
    }
  }
  if (Array.isArray(s.required)) for (const r of s.required) if (typeof r === 'string') view.required.add(r);
  if (isObject(s.items)) view.items = both(view.items, s.items, childPointer(pointer, 'items'));
  view.maximum = tighter(view.maximum, numberOr(s.maximum, s.exclusiveMaximum), Math.min);
  view.minimum = tighter(view.minimum, numberOr(s.minimum, s.exclusiveMinimum), Math.max);
  view.maxLength = tighter(view.maxLength, s.maxLength, Math.min);
  view.minLength = tighter(view.minLength, s.minLength, Math.max);
  if (typeof s.pattern === 'string') view.pattern = s.pattern;
  if (s.readOnly === true) view.readOnly = true;
  if (s.writeOnly === true) view.writeOnly = true;
  if (s.deprecated === true) view.deprecated = true;
  if (Array.isArray(s.allOf)) {
    s.allOf.forEach((part, i) => {
      if (isObject(part))
        merge(document, view, { schema: part, pointer: childPointer(pointer, 'allOf', i) }, seen);
    });
  }
  for (const key of ['oneOf', 'anyOf'] as const) {
    const list = s[key];
    if (!Array.isArray(list)) continue;
    const branches = list
      .map((b, i) => ({ schema: b as SchemaObject, pointer: childPointer(pointer, key, i) }))
      .filter((b) => isObject(b.schema));
    const nonNull = branches.filter((b) => !isNullSchema(document, b.schema));
    if (nonNull.length < branches.length) view.nullable = true;
    if (nonNull.length === 1) merge(document, view, nonNull[0], seen);
    else if (nonNull.length > 1) view.oneOf = nonNull;
  }
}

/**
 * A property two allOf parts both define holds both: swag's envelopes
 * (`allOf: [ResponseResult {data: {}}, {data: $ref User}]`) mean `data` is a User.
 */
function both(previous: SchemaAt | undefined, schema: SchemaObject, pointer: string): SchemaAt {
  if (!previous) return { schema, pointer };
  return { schema: { allOf: [previous.schema, schema] }, pointer };
}

function intersectTypes(view: SchemaView, types: string[]): void {
  // integer is a number: allOf [number, integer] is integer
  const next = [...new Set(types)].sort();
  if (!view.types) view.types = next;
  else {
    const both = view.types.filter((t) => next.includes(t));
    view.types = both.length > 0 ? both : next;
  }
}

function isNullSchema(document: Record<string, unknown>, schema: SchemaObject): boolean {
  let s: unknown = schema;
  for (let i = 0; i < 20 && isRef(s); i++) s = resolveRef(document, s.$ref);
  return (
    isObject(s) && (s.type === 'null' || (Array.isArray(s.enum) && s.enum.length === 1 && s.enum[0] === null))
  );
}

function numberOr(...values: unknown[]): number | undefined {
  return values.find((v): v is number => typeof v === 'number');
}

function tighter(
  current: number | undefined,
  next: unknown,
  pick: (a: number, b: number) => number,
): number | undefined {
  if (typeof next !== 'number') return current;
  return current === undefined ? next : pick(current, next);
}

/** Deep equality of JSON values, for enum members. */
function same(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isObject(value))
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}
