import { type Direction, escapePointer, isRecord, type RefResolver, toJsonSchema } from './to-json-schema.ts';

/**
 * The schemas of one OpenAPI 3.x document, rewritten for one direction and
 * laid out at their original JSON pointers, so that `#/components/schemas/X`
 * and `#/paths/.../schema` refs resolve inside it once ajv has it registered.
 * `pointers` finds any original schema object again by identity.
 */
export interface SchemaDocument {
  document: Record<string, unknown>;
  pointers: WeakMap<object, string>;
}

const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

export function buildSchemaDocument(
  source: Record<string, unknown>,
  direction: Direction,
  resolve: RefResolver,
): SchemaDocument {
  const document: Record<string, unknown> = {};
  const pointers = new WeakMap<object, string>();
  const ctx = {
    direction,
    resolve,
    seen: new WeakMap<object, unknown>(),
    visit: (original: object, pointer: string) => {
      if (!pointers.has(original)) pointers.set(original, pointer);
    },
  };
  for (const [segments, schema] of schemaRoots(source)) {
    const pointer = `#/${segments.map(escapePointer).join('/')}`;
    setAt(document, segments, toJsonSchema(schema, pointer, ctx));
  }
  return { document, pointers };
}

type Root = [string[], unknown];

/** Every place OpenAPI 3.x puts a schema. */
function* schemaRoots(doc: Record<string, unknown>): Generator<Root> {
  const components = isRecord(doc.components) ? doc.components : {};
  for (const [name, schema] of entries(components.schemas)) yield [['components', 'schemas', name], schema];
  for (const [name, p] of entries(components.parameters))
    yield* withPrefix(['components', 'parameters', name], parameterSchemas(p));
  for (const [name, h] of entries(components.headers))
    yield* withPrefix(['components', 'headers', name], parameterSchemas(h));
  for (const [name, r] of entries(components.responses))
    yield* withPrefix(['components', 'responses', name], responseSchemas(r));
  for (const [name, b] of entries(components.requestBodies))
    yield* withPrefix(['components', 'requestBodies', name], contentSchemas(b));
  for (const [path, item] of entries(doc.paths)) {
    if (!isRecord(item)) continue;
    yield* withPrefix(['paths', path], listSchemas('parameters', item.parameters));
    for (const method of methods) {
      const op = item[method];
      if (!isRecord(op)) continue;
      const at = ['paths', path, method];
      yield* withPrefix(at, listSchemas('parameters', op.parameters));
      yield* withPrefix([...at, 'requestBody'], contentSchemas(op.requestBody));
      for (const [status, r] of entries(op.responses))
        yield* withPrefix([...at, 'responses', status], responseSchemas(r));
    }
  }
}

function* parameterSchemas(p: unknown): Generator<Root> {
  if (!isRecord(p)) return;
  if (p.schema !== undefined) yield [['schema'], p.schema];
  yield* contentSchemas(p);
}

function* contentSchemas(holder: unknown): Generator<Root> {
  if (!isRecord(holder)) return;
  for (const [mediaType, media] of entries(holder.content)) {
    if (isRecord(media) && media.schema !== undefined) yield [['content', mediaType, 'schema'], media.schema];
  }
}

function* responseSchemas(r: unknown): Generator<Root> {
  if (!isRecord(r)) return;
  yield* contentSchemas(r);
  for (const [name, h] of entries(r.headers)) yield* withPrefix(['headers', name], parameterSchemas(h));
}

function* listSchemas(key: string, list: unknown): Generator<Root> {
  if (!Array.isArray(list)) return;
  for (const [i, p] of list.entries()) yield* withPrefix([key, String(i)], parameterSchemas(p));
}

function* withPrefix(prefix: string[], roots: Iterable<Root>): Generator<Root> {
  for (const [segments, schema] of roots) yield [[...prefix, ...segments], schema];
}

function entries(value: unknown): [string, unknown][] {
  return isRecord(value) ? Object.entries(value) : [];
}

function setAt(target: Record<string, unknown>, segments: string[], value: unknown): void {
  let node = target;
  for (const segment of segments.slice(0, -1)) {
    if (!isRecord(node[segment])) node[segment] = {};
    node = node[segment] as Record<string, unknown>;
  }
  node[segments[segments.length - 1]] = value;
}
