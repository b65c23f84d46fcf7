import type { SchemaObject } from '../spec/types.ts';

/**
 * A length limit a description states only in prose, as swag users write it
 * (`@Param note formData string false "a note, at most 200 characters"`)
 * when the binding tag is not mirrored by `maxlength(200)`. Read narrowly:
 * "at most / up to / no more than N characters" and nothing else, and only
 * to soften: a long value beyond it becomes a case whose answer may go either
 * way ('any', still checked for 5xx and conformance), never a negative case,
 * since the schema is what a server is judged by.
 */
const pattern = /\b(?:at most|up to|no more than)\s+(\d{1,7})\s+(?:characters|chars)\b/i;

export function proseMaxLength(schema: SchemaObject): number | undefined {
  const text = typeof schema.description === 'string' ? schema.description : '';
  const match = pattern.exec(text);
  return match ? Number(match[1]) : undefined;
}
