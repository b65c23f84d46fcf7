import { childPointer, getAtPointer, isObject, toPointer } from '../json-pointer.ts';
import type { ParsedFile } from '../parse-source.ts';
import { displayLocation, isUrl } from '../read-source.ts';
import type { SpecVersion } from '../types.ts';
import { ComponentNames } from './component-names.ts';
import { messageOf, refError, remoteRefError } from './ref-error.ts';
import { keyOf, slotName, splitRef, targetKey } from './ref-target.ts';
import { isIdentifierKey, SchemaIds } from './schema-ids.ts';

/** Loads (and caches) another file of the spec. */
export type LoadFile = (location: string) => Promise<ParsedFile>;
/** Whether a `$ref` to this http(s) URL may be fetched. */
export type MayFetch = (url: string) => boolean;

/** Keys under which a `$ref` points at a schema. */
const schemaKeys = new Set([
  'schema',
  'schemas',
  'definitions',
  'items',
  'properties',
  'additionalProperties',
  'patternProperties',
  'allOf',
  'anyOf',
  'oneOf',
  'not',
  'prefixItems',
  '$defs',
  'contains',
  'if',
  'then',
  'else',
  'dependentSchemas',
  'propertyNames',
  'unevaluatedItems',
  'unevaluatedProperties',
  'contentSchema',
]);
/** Literal data: a `$ref` key inside is a value, not a reference. */
const literalKeys = new Set(['example', 'default', 'enum', 'const', 'value']);
/** Maps whose keys are user-chosen names (a property may be called `default` or `x-id`). */
const nameMaps = new Set([
  'properties',
  'patternProperties',
  '$defs',
  'definitions',
  'schemas',
  'dependentSchemas',
  'parameters',
  'responses',
  'headers',
  'examples',
  'requestBodies',
  'links',
  'callbacks',
  'securitySchemes',
  'pathItems',
  'paths',
  'content',
  'encoding',
  'webhooks',
]);

/**
 * Returns the root document with every external `$ref` bundled in, so the
 * result only holds internal refs. Schemas from other files become components
 * (`#/components/schemas/<name>`, or `#/definitions/<name>` for Swagger 2.0)
 * and keep their refs, so circular schemas, within or across files, stay
 * finite. Other referenced objects (parameters, responses, path items...) are
 * copied in place. Every ref, internal ones too, is checked: one that points
 * at nothing is TG_SPEC_REF naming the file, pointer, line and target.
 *
 * OpenAPI 3.1: a ref to a schema's `$id` or `$anchor` (or one relative to an
 * enclosing `$id`) resolves to that schema in the files, never over the
 * network; the bundled schemas drop `$id` and `$anchor`, since every ref is a
 * document pointer by then. A ref to an http(s) URL is fetched only when
 * `mayFetch` says so, else TG_SPEC_REMOTE_REF.
 */
export async function bundleRefs(
  root: ParsedFile,
  version: SpecVersion,
  load: LoadFile,
  mayFetch: MayFetch,
): Promise<Record<string, unknown>> {
  const home = version === '2.0' ? ['definitions'] : ['components', 'schemas'];
  const existing = getAtPointer(root.value, toPointer(home));
  const names = new ComponentNames(isObject(existing) ? Object.keys(existing) : []);
  const named = new Map<string, string>();
  const added: Record<string, unknown> = {};
  const ids = version === '3.1' ? new SchemaIds() : undefined;
  ids?.add(root);

  async function walk(
    value: unknown,
    file: ParsedFile,
    at: string,
    inSchema: boolean,
    stack: string[],
    isNameMap = false,
  ): Promise<unknown> {
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      for (const [i, item] of value.entries())
        out.push(await walk(item, file, childPointer(at, i), inSchema, stack));
      return out;
    }
    if (!isObject(value)) return value;
    if (typeof value.$ref === 'string')
      return follow(value as Record<string, unknown> & { $ref: string }, file, at, inSchema, stack);
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      if (ids && inSchema && !isNameMap && isIdentifierKey(key)) continue;
      const literal = !isNameMap && (literalKeys.has(key) || key.startsWith('x-'));
      const schema = inSchema || (!isNameMap && schemaKeys.has(key));
      out[key] = literal
        ? child
        : await walk(child, file, childPointer(at, key), schema, stack, !isNameMap && nameMaps.has(key));
    }
    return out;
  }

  async function follow(
    ref: Record<string, unknown> & { $ref: string },
    file: ParsedFile,
    at: string,
    inSchema: boolean,
    stack: string[],
  ): Promise<unknown> {
    const { $ref, ...siblings } = ref;
    const byId = ids?.resolve($ref, file, at);
    const { location, fragment } = byId ?? splitRef($ref, file.location);
    if (!byId && isUrl(location) && !mayFetch(location)) remoteRefError(file, at, $ref);
    const fail = (reason: string, cause?: unknown) => refError(file, at, $ref, reason, cause);
    const target =
      location === file.location ? file : await load(location).catch((e: unknown) => fail(messageOf(e), e));
    ids?.add(target);
    const value = getAtPointer(target.value, `#${fragment}`);
    if (value === undefined) fail(`${displayLocation(target.location)} has nothing at #${fragment}`);
    const rest = (await walk(siblings, file, at, inSchema, stack)) as Record<string, unknown>;
    if (location === root.location) return { $ref: `#${fragment}`, ...rest };

    const key = keyOf(location, fragment);
    if (!inSchema) {
      if (stack.includes(key)) fail(`circular reference outside a schema: ${[...stack, key].join(' -> ')}`);
      const inlined = await walk(value, target, `#${fragment}`, false, [...stack, key]);
      return isObject(inlined) ? { ...inlined, ...rest } : inlined;
    }
    const slot = file === root ? slotName(at, home) : undefined;
    const known = named.get(key);
    if (known && known !== (slot && toPointer([...home, slot]))) return { $ref: known, ...rest };
    const name = slot ?? names.claim(fragment, location);
    const pointer = toPointer([...home, name]);
    named.set(key, pointer);
    const schema = await walk(value, target, `#${fragment}`, true, stack);
    if (slot) return Object.keys(rest).length && isObject(schema) ? { ...schema, ...rest } : schema;
    added[name] = schema;
    return { $ref: pointer, ...rest };
  }

  // `components.schemas.Album: { $ref: album.yaml }` names album.yaml `Album` wherever it is referenced.
  for (const [name, value] of Object.entries(isObject(existing) ? existing : {})) {
    if (!isObject(value) || typeof value.$ref !== 'string' || value.$ref.startsWith('#')) continue;
    const key = targetKey(value.$ref, root.location);
    if (!named.has(key)) named.set(key, toPointer([...home, name]));
  }
  const document = (await walk(root.value, root, '#', false, [])) as Record<string, unknown>;
  if (Object.keys(added).length) placeUnder(document, home, added);
  return document;
}

function placeUnder(document: Record<string, unknown>, home: string[], added: Record<string, unknown>): void {
  let node = document;
  for (const segment of home) {
    if (!isObject(node[segment])) node[segment] = {};
    node = node[segment] as Record<string, unknown>;
  }
  Object.assign(node, added);
}
