import { isObject } from '../json-pointer.ts';
import { convertParameters } from './parameters.ts';
import { convertResponse, convertResponses } from './responses.ts';
import { convertDefinitions, mapValues } from './schemas.ts';
import { convertSecurityDefinitions } from './security.ts';
import { convertServers } from './servers.ts';

const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'];
const operationKeys = [
  'tags',
  'summary',
  'description',
  'externalDocs',
  'operationId',
  'deprecated',
  'security',
];

/**
 * A bundled Swagger 2.0 document (only internal refs) as OpenAPI 3.0.3, the
 * shape everything downstream reads, including openapi-typescript for the
 * generated clients. Path-level parameters are merged into each operation,
 * since a path-level body has no OpenAPI 3 equivalent.
 */
export function convertSwagger2(doc: Record<string, unknown>): Record<string, unknown> {
  const consumes = mediaTypes(doc.consumes, ['application/json']);
  const produces = mediaTypes(doc.produces, ['application/json']);
  const components: Record<string, unknown> = {};
  const schemas = convertDefinitions(doc.definitions);
  if (Object.keys(schemas).length) components.schemas = schemas;
  if (isObject(doc.responses))
    components.responses = mapValues(doc.responses, (r) => convertResponse(r, produces));
  if (isObject(doc.parameters)) {
    const nonBody = Object.entries(doc.parameters).filter(
      ([, p]) => isObject(p) && p.in !== 'body' && p.in !== 'formData',
    );
    const converted = nonBody.map(([name, p]) => [name, convertParameters(doc, [p], consumes).parameters[0]]);
    if (converted.length) components.parameters = Object.fromEntries(converted);
  }
  const securitySchemes = convertSecurityDefinitions(doc.securityDefinitions);
  if (Object.keys(securitySchemes).length) components.securitySchemes = securitySchemes;

  const servers = convertServers(doc);
  return {
    openapi: '3.0.3',
    info: doc.info ?? { title: '', version: '' },
    ...(servers ? { servers } : {}),
    ...(Array.isArray(doc.security) ? { security: doc.security } : {}),
    ...(Array.isArray(doc.tags) ? { tags: doc.tags } : {}),
    ...(doc.externalDocs !== undefined ? { externalDocs: doc.externalDocs } : {}),
    paths: isObject(doc.paths)
      ? mapValues(doc.paths, (item, path) =>
          path.startsWith('x-') ? item : convertPathItem(doc, item, consumes, produces),
        )
      : {},
    ...(Object.keys(components).length ? { components } : {}),
    ...Object.fromEntries(Object.entries(doc).filter(([key]) => key.startsWith('x-'))),
  };
}

function convertPathItem(
  doc: Record<string, unknown>,
  item: unknown,
  consumes: string[],
  produces: string[],
): Record<string, unknown> {
  if (!isObject(item)) return {};
  const shared = Array.isArray(item.parameters) ? item.parameters : [];
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item)) {
    if (key.startsWith('x-')) out[key] = value;
    if (!methods.includes(key) || !isObject(value)) continue;
    const opConsumes = mediaTypes(value.consumes, consumes);
    const opProduces = mediaTypes(value.produces, produces);
    const list = mergeByNameAndIn(doc, shared, Array.isArray(value.parameters) ? value.parameters : []);
    const { parameters, requestBody } = convertParameters(doc, list, opConsumes);
    const op: Record<string, unknown> = {};
    for (const k of operationKeys) if (value[k] !== undefined) op[k] = value[k];
    if (parameters.length) op.parameters = parameters;
    if (requestBody) op.requestBody = requestBody;
    op.responses = convertResponses(value.responses, opProduces);
    for (const [k, v] of Object.entries(value)) if (k.startsWith('x-')) op[k] = v;
    out[key] = op;
  }
  return out;
}

/** Operation parameters override path-level ones with the same name and location. */
function mergeByNameAndIn(doc: Record<string, unknown>, shared: unknown[], own: unknown[]): unknown[] {
  const keyOf = (p: unknown) => {
    const target = isObject(p) && typeof p.$ref === 'string' ? refTarget(doc, p.$ref) : p;
    return isObject(target) ? `${target.in}:${target.name}` : JSON.stringify(p);
  };
  const ownKeys = new Set(own.map(keyOf));
  return [...shared.filter((p) => !ownKeys.has(keyOf(p))), ...own];
}

function refTarget(doc: Record<string, unknown>, ref: string): unknown {
  const name = ref.startsWith('#/parameters/')
    ? ref.slice('#/parameters/'.length).replaceAll('~1', '/').replaceAll('~0', '~')
    : '';
  return isObject(doc.parameters) ? doc.parameters[name] : undefined;
}

function mediaTypes(value: unknown, fallback: string[]): string[] {
  const list = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  return list.length ? list : fallback;
}
