import { getAtPointer, isObject } from '../json-pointer.ts';
import { convertSchema } from './schemas.ts';

/** Keywords a Swagger 2.0 non-body parameter (or `items`) carries that belong in the 3.0 `schema`. */
const schemaKeywords = [
  'type',
  'format',
  'items',
  'enum',
  'default',
  'maximum',
  'exclusiveMaximum',
  'minimum',
  'exclusiveMinimum',
  'maxLength',
  'minLength',
  'pattern',
  'maxItems',
  'minItems',
  'uniqueItems',
  'multipleOf',
];

/** The parts of an operation that Swagger 2.0 keeps in `parameters`. */
export interface ConvertedParameters {
  parameters: Record<string, unknown>[];
  requestBody?: Record<string, unknown>;
}

/**
 * Splits 2.0 parameters: query/path/header ones become 3.0 parameters with a
 * `schema`; the `body` parameter and `formData` ones become the request body,
 * one entry per media type in `consumes`. `#/parameters/..` refs are followed
 * first, since a referenced body parameter must still become a request body.
 */
export function convertParameters(
  document: Record<string, unknown>,
  list: unknown,
  consumes: string[],
): ConvertedParameters {
  const raw = (Array.isArray(list) ? list : []).map((p) => deref(document, p));
  const parameters = raw.filter((p) => p.in !== 'body' && p.in !== 'formData').map(convertParameter);
  const body = raw.find((p) => p.in === 'body');
  const form = raw.filter((p) => p.in === 'formData');
  if (body) return { parameters, requestBody: bodyFrom(body, consumes) };
  if (form.length) return { parameters, requestBody: formFrom(form, consumes) };
  return { parameters };
}

function convertParameter(p: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const schema: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(p)) {
    if (key === 'collectionFormat') continue;
    if (schemaKeywords.includes(key)) schema[key] = key === 'items' ? itemsSchema(value) : value;
    else out[key] = value;
  }
  out.schema = convertSchema(schema);
  if (p.type === 'array') Object.assign(out, arrayStyle(String(p.in), p.collectionFormat));
  return out;
}

/**
 * Gin's `QueryArray` and `form` binding read repeated keys (`ids=1&ids=2`),
 * whatever the spec says; swag writes `csv` (the 2.0 default) anyway. So a
 * csv query array is sent exploded, and the spec's word is kept in
 * `x-tollgate-collection-format` for checks that want it.
 */
function arrayStyle(location: string, format: unknown): Record<string, unknown> {
  const collectionFormat = typeof format === 'string' ? format : 'csv';
  if (location !== 'query')
    return collectionFormat === 'csv' ? {} : { 'x-tollgate-collection-format': collectionFormat };
  if (collectionFormat === 'multi') return { style: 'form', explode: true };
  if (collectionFormat === 'ssv') return { style: 'spaceDelimited', explode: false };
  if (collectionFormat === 'pipes') return { style: 'pipeDelimited', explode: false };
  return { style: 'form', explode: true, 'x-tollgate-collection-format': collectionFormat };
}

function itemsSchema(items: unknown): unknown {
  if (!isObject(items)) return items;
  const { collectionFormat: _format, ...rest } = items;
  return { ...rest, ...(isObject(rest.items) ? { items: itemsSchema(rest.items) } : {}) };
}

function bodyFrom(body: Record<string, unknown>, consumes: string[]): Record<string, unknown> {
  const schema = convertSchema(body.schema ?? {});
  return {
    ...(typeof body.description === 'string' ? { description: body.description } : {}),
    required: body.required === true,
    content: Object.fromEntries(consumes.map((type) => [type, { schema }])),
    ...extensionsOf(body),
  };
}

function formFrom(form: Record<string, unknown>[], consumes: string[]): Record<string, unknown> {
  const hasFile = form.some((p) => p.type === 'file');
  const type =
    consumes.find((c) => c === 'multipart/form-data' || c === 'application/x-www-form-urlencoded') ??
    (hasFile ? 'multipart/form-data' : 'application/x-www-form-urlencoded');
  const properties = Object.fromEntries(
    // A form field's description travels with its property, as a body property's does.
    form.map((p) => [String(p.name), formProperty(p)]),
  );
  const required = form.filter((p) => p.required === true).map((p) => String(p.name));
  const schema = { type: 'object', properties, ...(required.length ? { required } : {}) };
  return { required: required.length > 0, content: { [type]: { schema } } };
}

function formProperty(p: Record<string, unknown>): Record<string, unknown> {
  const schema = (convertParameter(p).schema ?? {}) as Record<string, unknown>;
  return typeof p.description === 'string' && p.description !== '' && schema.description === undefined
    ? { ...schema, description: p.description }
    : schema;
}

function deref(document: Record<string, unknown>, value: unknown): Record<string, unknown> {
  let current = value;
  for (let hops = 0; isObject(current) && typeof current.$ref === 'string' && hops < 20; hops++) {
    current = getAtPointer(document, current.$ref);
  }
  return isObject(current) ? current : {};
}

function extensionsOf(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([key]) => key.startsWith('x-')));
}
