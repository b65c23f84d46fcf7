import { schemaValidatorFor } from '../schema/create-schema-validator.ts';
import { derefSchema } from '../schema/local-ref.ts';
import type { LoadedSpec, SchemaObject } from '../spec/types.ts';
import { findResponse, targetsOperation } from './response-lookup.ts';
import type { CheckDefinition } from './types.ts';

/**
 * Documented required response headers are present, and every documented
 * header that is present is valid against its schema. Header values are
 * strings on the wire, so `integer`, `number` and `boolean` schemas see the
 * parsed value. Content-Type is skipped, as OpenAPI says.
 */
export const responseHeaders: CheckDefinition = {
  name: 'response-headers',
  description: 'documented required response headers are present and valid',
  run(ctx, exchange) {
    const { response } = exchange;
    if (!targetsOperation(ctx, exchange)) return undefined;
    const found = findResponse(ctx.operation, response.status);
    if (!found) return undefined;
    const missing: string[] = [];
    const invalid: { name: string; line: string; schema: unknown }[] = [];
    for (const [name, header] of Object.entries(found.spec.headers)) {
      const lower = name.toLowerCase();
      if (lower === 'content-type') continue;
      const value = response.headers[lower];
      if (value === undefined) {
        if (header.required) missing.push(name);
        continue;
      }
      if (!header.schema) continue;
      const result = schemaValidatorFor(ctx.spec).validate(
        header.schema,
        coerce(ctx.spec, header.schema, value),
        'response',
      );
      if (!result.valid)
        invalid.push({
          name,
          line: `${name}: ${JSON.stringify(value)} ${result.errors[0].message}`,
          schema: header.schema,
        });
    }
    if (missing.length > 0) {
      return {
        title: `Missing required header${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
        expected: `Documented: ${missing.join(', ')} (required) for ${found.key}`,
        received: `Received: ${response.status} without ${missing.join(', ')}`,
        location: `headers/${missing[0].toLowerCase()}`,
      };
    }
    if (invalid.length === 0) return undefined;
    return {
      title: 'Invalid response header',
      expected: `Documented: ${invalid.map((h) => `${h.name}: ${JSON.stringify(h.schema)}`).join('; ')} for ${found.key}`,
      received: `Received: ${invalid.map((h) => h.line).join('; ')}`,
      location: `headers/${invalid[0].name.toLowerCase()}`,
    };
  },
};

function coerce(spec: LoadedSpec, schema: SchemaObject, value: string): unknown {
  const resolved = derefSchema(spec.document, schema) as SchemaObject | undefined;
  const types = [resolved?.type].flat();
  if (
    (types.includes('integer') || types.includes('number')) &&
    /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(value.trim())
  ) {
    return Number(value.trim());
  }
  if (types.includes('boolean') && (value === 'true' || value === 'false')) return value === 'true';
  if (types.includes('array')) return value.split(',').map((part) => part.trim());
  return value;
}
