import { view } from '../cases/schema-view.ts';
import type { CaseRequest } from '../cases/types.ts';
import type { ResponseRecord } from '../http/types.ts';
import type { LoadedSpec, Operation } from '../spec/types.ts';
import { evaluateExpression } from './link-expressions.ts';

/**
 * After a create answered 2xx: which operations now address the new
 * resource, and with which path parameters. From the response's OpenAPI
 * links first; where the spec has none, inferred: a body `id` fills the one
 * extra `{param}` of operations under the create's path, and a `Location`
 * header that matches a GET path template fills that GET's parameters.
 */
export interface BoundOperation {
  operation: Operation;
  params: Record<string, unknown>;
  source: 'link' | 'inferred' | 'location';
}

export function boundOperations(
  spec: LoadedSpec,
  producer: Operation,
  request: CaseRequest,
  response: Pick<ResponseRecord, 'status' | 'headers' | 'json'>,
): BoundOperation[] {
  const out: BoundOperation[] = [];
  const add = (bound: BoundOperation) => {
    if (out.some((b) => b.operation.id === bound.operation.id)) return;
    const missing = pathParamNames(bound.operation).filter((name) => bound.params[name] === undefined);
    if (missing.length === 0) out.push(bound);
  };
  const links = producer.responses[String(response.status)]?.links ?? {};
  for (const link of Object.values(links)) {
    const operation = spec.operations.find((op) => op.id === link.operationId);
    if (!operation) continue;
    const params: Record<string, unknown> = {};
    for (const [name, expression] of Object.entries(link.parameters)) {
      params[name.replace(/^(path|query|header)\./, '')] = evaluateExpression(expression, {
        request,
        response,
      });
    }
    add({ operation, params, source: 'link' });
  }
  if (Object.keys(links).length === 0)
    for (const bound of inferFromId(spec, producer, request, response)) add(bound);
  const location = response.headers.location;
  if (location) for (const bound of matchLocation(spec, location)) add(bound);
  return out;
}

export function pathParamNames(operation: Operation): string[] {
  return [...operation.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
}

function inferFromId(
  spec: LoadedSpec,
  producer: Operation,
  request: CaseRequest,
  response: Pick<ResponseRecord, 'status' | 'json'>,
): BoundOperation[] {
  const id = (response.json as Record<string, unknown> | undefined)?.id;
  const media = Object.values(producer.responses[String(response.status)]?.content ?? {})[0];
  if (id === undefined || !media?.schema || !('id' in view(spec.document, media.schema).properties))
    return [];
  const prefix = `${producer.path}/{`;
  const out: BoundOperation[] = [];
  for (const operation of spec.operations) {
    if (!operation.path.startsWith(prefix)) continue;
    const param = operation.path.slice(prefix.length).split('}')[0];
    out.push({ operation, params: { ...request.pathParams, [param]: id }, source: 'inferred' });
  }
  return out;
}

/** GET operations whose path template matches a Location header (absolute or relative). */
function matchLocation(spec: LoadedSpec, location: string): BoundOperation[] {
  let path: string;
  try {
    path = new URL(location, 'http://tollgate.invalid').pathname;
  } catch {
    return [];
  }
  if (spec.basePath && path.startsWith(spec.basePath)) path = path.slice(spec.basePath.length);
  const out: BoundOperation[] = [];
  for (const operation of spec.operations) {
    if (operation.method !== 'get') continue;
    const names = pathParamNames(operation);
    const pattern = operation.path
      .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
      .replace(/\\?\{[^}]+\\?\}/g, '([^/]+)');
    const match = new RegExp(`^${pattern}$`).exec(path);
    if (!match || names.length === 0) continue;
    const params: Record<string, unknown> = {};
    names.forEach((name, i) => {
      const text = decodeURIComponent(match[i + 1]);
      params[name] = /^\d+$/.test(text) ? Number(text) : text;
    });
    out.push({ operation, params, source: 'location' });
  }
  return out;
}
