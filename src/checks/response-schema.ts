import { schemaValidatorFor } from '../schema/create-schema-validator.ts';
import type { SchemaObject } from '../spec/types.ts';
import { nilCollectionPointers } from './null-collection.ts';
import { bodyExcerpt, findResponseMedia, isEmptyBodiless, targetsOperation } from './response-lookup.ts';
import type { CheckDefinition } from './types.ts';

const maxListed = 5;

/**
 * The JSON body is valid against the schema documented for its status and
 * media type. A body that does not parse while JSON was documented fails.
 * The location is the first error's pointer; `received` lists them all.
 * An empty body with no Content-Type is left to content-type-documented.
 */
export const responseSchema: CheckDefinition = {
  name: 'response-schema',
  description: 'the response body matches the documented schema',
  run(ctx, exchange) {
    // A 200 whose envelope says rejected is an error answer the 200 schema does not describe.
    if (ctx.envelope?.ok === false) return undefined;
    if (
      !targetsOperation(ctx, exchange) ||
      exchange.request.method.toUpperCase() === 'HEAD' ||
      isEmptyBodiless(exchange.response)
    )
      return undefined;
    const media = findResponseMedia(ctx.operation, exchange);
    if (!media) return undefined;
    const { response } = exchange;
    // An empty body without Content-Type is content-type-documented's finding (or a recovered panic's).
    if (response.body === '' && !response.headers['content-type']) return undefined;
    const expected = `Schema: ${schemaName(media.schema, ctx.operation.pointer, media.status, media.mediaType)}`;
    if (response.json === undefined && response.body.trim() !== 'null') {
      return {
        title: 'Response is not valid JSON',
        expected,
        received: `Received: ${response.body === '' ? 'an empty body' : bodyExcerpt(response.body)}`,
      };
    }
    const result = schemaValidatorFor(ctx.spec).validate(
      media.schema as SchemaObject,
      response.json ?? null,
      'response',
    );
    if (result.valid) return undefined;
    // One finding per cause: a nil slice's null is null-collection's, which names the Go fix (when it runs).
    const nils =
      ctx.options.nullCollectionRuns === true
        ? new Set(nilCollectionPointers(ctx.spec.document, media.schema, response.json ?? null))
        : new Set<string>();
    const errors = result.errors.filter((e) => !nils.has(e.pointer));
    if (errors.length === 0) return undefined;
    const listed = errors.slice(0, maxListed).map((e) => `${e.pointer || '(root)'} ${e.message}`);
    const more = errors.length > maxListed ? `; and ${errors.length - maxListed} more` : '';
    return {
      title: 'Response violates schema',
      expected,
      received: `Received: ${listed.join('; ')}${more}`,
      location: errors[0].pointer,
    };
  },
};

function schemaName(schema: unknown, pointer: string, status: string, mediaType: string): string {
  const ref = (schema as { $ref?: unknown }).$ref;
  if (typeof ref === 'string') return ref;
  const esc = (s: string) => s.replaceAll('~', '~0').replaceAll('/', '~1');
  return `${pointer}/responses/${esc(status)}/content/${esc(mediaType)}/schema`;
}
