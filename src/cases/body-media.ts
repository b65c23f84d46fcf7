import type { Operation, SchemaObject } from '../spec/types.ts';
import { view } from './schema-view.ts';

/**
 * Which documented request media type the generator fills, and how its
 * fields behave. JSON comes first; then form bodies (`multipart/form-data`,
 * `application/x-www-form-urlencoded`), whose values travel as text like
 * query parameters; then `text/plain` and `application/octet-stream`.
 */
export type BodyKind = 'json' | 'multipart' | 'urlencoded' | 'text' | 'bytes';

const order: [BodyKind, (type: string) => boolean][] = [
  ['json', (t) => t === 'application/json'],
  ['json', (t) => /[/+]json\b/.test(t)],
  ['multipart', (t) => t === 'multipart/form-data'],
  ['urlencoded', (t) => t === 'application/x-www-form-urlencoded'],
  ['text', (t) => t === 'text/plain'],
  ['bytes', (t) => t === 'application/octet-stream'],
];

export function bodyMedia(operation: Operation): { type: string; kind: BodyKind } | undefined {
  const types = Object.keys(operation.requestBody?.content ?? {});
  for (const [kind, matches] of order) {
    const type = types.find(matches);
    if (type) return { type, kind };
  }
  return undefined;
}

export function kindOf(type: string | undefined): BodyKind | undefined {
  if (!type) return undefined;
  const bare = type.split(';')[0].trim().toLowerCase();
  return order.find(([, matches]) => matches(bare))?.[0];
}

/** The schema of the generated body; text and byte bodies without one are strings. */
export function mediaSchema(operation: Operation, media: { type: string; kind: BodyKind }): SchemaObject {
  const schema = operation.requestBody?.content[media.type]?.schema;
  if (schema) return schema;
  if (media.kind === 'text') return { type: 'string', minLength: 1 };
  if (media.kind === 'bytes') return { type: 'string', format: 'binary', minLength: 1 };
  return {};
}

/** Whether a form property is a file part: `format: binary`/`base64` (swag's `type: file`), or arrays of them. */
export function isFilePart(document: Record<string, unknown>, schema: SchemaObject): boolean {
  const v = view(document, schema);
  if (v.types[0] === 'array') return isFilePart(document, (v.schema.items as SchemaObject) ?? {});
  return v.types[0] === 'string' && (v.schema.format === 'binary' || v.schema.format === 'base64');
}
