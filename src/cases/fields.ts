import type { Parameter, SchemaObject } from '../spec/types.ts';
import { bodyMedia, isFilePart } from './body-media.ts';
import { bodySchema } from './request-validity.ts';
import { isReadOnly, view } from './schema-view.ts';
import type { CaseRequest, GenerationContext } from './types.ts';

/**
 * The places in a request a boundary or negative case can change: each
 * parameter, and each body property down to `maxDepth`. Variants are built
 * by setting or removing one field on a copy of a valid baseline.
 */
export interface Field {
  /** `query.limit`, `path.id`, `header.Idempotency-Key`, `body.title`, `body.tags[]`. */
  label: string;
  where: 'path' | 'query' | 'header' | 'body';
  /** A form body's field: its value travels as text, like a query parameter. */
  form?: boolean;
  /** A multipart file part. */
  file?: boolean;
  schema: SchemaObject;
  required: boolean;
  param?: Parameter;
  set(request: CaseRequest, value: unknown): void;
  remove(request: CaseRequest): void;
}

const maxDepth = 2;

export function requestFields(ctx: GenerationContext): Field[] {
  const fields: Field[] = [];
  for (const param of ctx.operation.parameters) {
    if (param.in === 'cookie') continue;
    fields.push(paramField(param));
  }
  const schema = bodySchema(ctx.operation);
  const kind = bodyMedia(ctx.operation)?.kind;
  const form = kind === 'multipart' || kind === 'urlencoded';
  if (schema !== undefined && kind !== 'text' && kind !== 'bytes')
    bodyFields(ctx.spec.document, schema, [], fields, form);
  return fields;
}

function paramField(param: Parameter): Field {
  const bag = (r: CaseRequest): Record<string, unknown> =>
    param.in === 'path' ? r.pathParams : param.in === 'query' ? r.query : r.headers;
  return {
    label: `${param.in}.${param.name}`,
    where: param.in as Field['where'],
    schema: param.schema,
    required: param.required,
    param,
    set: (r, value) => {
      bag(r)[param.name] = param.in === 'header' ? String(value) : value;
      if (param.in === 'header') r.changedHeaders = [...(r.changedHeaders ?? []), param.name.toLowerCase()];
    },
    remove: (r) => {
      delete bag(r)[param.name];
      if (param.in === 'header') r.omitHeaders = [...(r.omitHeaders ?? []), param.name.toLowerCase()];
    },
  };
}

function bodyFields(
  document: Record<string, unknown>,
  schema: SchemaObject,
  path: string[],
  out: Field[],
  form: boolean,
): void {
  // A form has one level: a nested object is one text value.
  if (path.length >= (form ? 1 : maxDepth)) return;
  const v = view(document, schema);
  if (!v.types.includes('object')) return;
  for (const [name, propSchema] of Object.entries(v.properties)) {
    if (isReadOnly(document, propSchema)) continue;
    const at = [...path, name];
    out.push({
      label: `body.${at.join('.')}`,
      where: 'body',
      ...(form ? { form: true } : {}),
      ...(form && isFilePart(document, propSchema) ? { file: true } : {}),
      schema: propSchema,
      required: v.required.includes(name),
      set: (r, value) => {
        const parent = ensureParent(r, at);
        if (parent) parent[name] = value;
      },
      remove: (r) => {
        const parent = ensureParent(r, at);
        if (parent) delete parent[name];
      },
    });
    bodyFields(document, propSchema, at, out, form);
  }
}

/** The object holding the last key of `at` inside the body; undefined when a parent is missing. */
function ensureParent(r: CaseRequest, at: string[]): Record<string, unknown> | undefined {
  let node = r.body;
  for (const key of at.slice(0, -1)) {
    if (!node || typeof node !== 'object' || Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  if (!node || typeof node !== 'object' || Array.isArray(node)) return undefined;
  return node as Record<string, unknown>;
}
