import type { CaseRequest } from '../cases/types.ts';
import { successResponse } from '../checks/response-lookup.ts';
import type { Envelope } from '../config/types.ts';
import type { ResponseRecord } from '../http/types.ts';
import type { LoadedSpec, Operation } from '../spec/types.ts';
import { evaluateExpression } from './link-expressions.ts';
import { normalise, type Payload, payloads, singular } from './payloads.ts';

/**
 * After a create answered 2xx: which operations now address the new
 * resource, and with which path parameters. From what the server did: the
 * links of the status it answered when documented, else of the documented
 * success (a 201 spec answered with 200 still binds), evaluated on the body
 * and, when the pointer finds nothing there, on the payload inside an
 * envelope or wrapper (payloads.ts). Then inferred: a response field named
 * like the parameter fills the one extra `{param}` of operations under the
 * create's path, and a `Location` header that matches a path template fills
 * the parameters of every operation on it.
 */
export interface BoundOperation {
  operation: Operation;
  params: Record<string, unknown>;
  source: 'link' | 'inferred' | 'location';
}

export interface BindOptions {
  /** The configured envelope (`contract.envelope`); without one, envelopes are detected. */
  envelope?: Envelope | false;
}

export function boundOperations(
  spec: LoadedSpec,
  producer: Operation,
  request: CaseRequest,
  response: Pick<ResponseRecord, 'status' | 'headers' | 'json'>,
  options: BindOptions = {},
): BoundOperation[] {
  const out: BoundOperation[] = [];
  const add = (bound: BoundOperation) => {
    if (out.some((b) => b.operation.id === bound.operation.id)) return;
    const missing = pathParamNames(bound.operation).filter((name) => bound.params[name] === undefined);
    if (missing.length === 0) out.push(bound);
  };
  const found = payloads(response.json, {
    resource: resourceName(producer.path),
    envelope: options.envelope,
  });
  const links = successResponse(producer, response.status)?.spec.links ?? {};
  for (const link of Object.values(links)) {
    const operation = spec.operations.find((op) => op.id === link.operationId);
    if (!operation) continue;
    const params: Record<string, unknown> = {};
    for (const [name, expression] of Object.entries(link.parameters)) {
      params[name.replace(/^(path|query|header)\./, '')] = evaluateLink(expression, request, response, found);
    }
    add({ operation, params, source: 'link' });
  }
  for (const bound of inferByName(spec, producer, request, found)) add(bound);
  const location = response.headers.location;
  if (location) for (const bound of matchLocation(spec, location)) add(bound);
  return out;
}

/** A link's expression on the body as sent, else on each payload inside it (envelope data, wrapper). */
function evaluateLink(
  expression: string,
  request: CaseRequest,
  response: Pick<ResponseRecord, 'headers' | 'json'>,
  found: Payload[],
): unknown {
  const direct = evaluateExpression(expression, { request, response });
  if (direct !== undefined || !expression.startsWith('$response.body')) return direct;
  for (const payload of found.slice(1)) {
    const value = evaluateExpression(expression, { request, response: { ...response, json: payload.value } });
    if (value !== undefined) return value;
  }
  return undefined;
}

export function pathParamNames(operation: Operation): string[] {
  return [...operation.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
}

/**
 * Operations below the create's path (`/albums/{id}`, `/albums/{id}/tracks`)
 * whose first new parameter a response field fills, by name: `slug`,
 * `username`, `id`; an `…Id` parameter also takes `id`, and `id` takes
 * `albumId`. Looked for at the top level first, then inside the payloads.
 */
function inferByName(
  spec: LoadedSpec,
  producer: Operation,
  request: CaseRequest,
  found: Payload[],
): BoundOperation[] {
  const base = collectionPath(spec, producer);
  const prefix = `${base}/{`;
  const out: BoundOperation[] = [];
  for (const operation of spec.operations) {
    // Nested creates are found from what this binds (run-sequences.ts), not bound themselves.
    if (!operation.path.startsWith(prefix) || operation.method === 'post') continue;
    const param = operation.path.slice(prefix.length).split('}')[0];
    const id = fieldFor(param, resourceName(producer.path), found);
    if (id !== undefined)
      out.push({ operation, params: { ...request.pathParams, [param]: id }, source: 'inferred' });
  }
  return out;
}

function fieldFor(param: string, resource: string | undefined, found: Payload[]): unknown {
  const name = normalise(param);
  const names = [name];
  if (name === 'id' && resource) names.push(`${normalise(singular(resource))}id`);
  if (name.endsWith('id') && name !== 'id') names.push('id');
  for (const wanted of names) {
    for (const payload of found) {
      const key = Object.keys(payload.value).find((k) => normalise(k) === wanted);
      const value = key === undefined ? undefined : payload.value[key];
      if (typeof value === 'number' || (typeof value === 'string' && value !== '')) return value;
    }
  }
  return undefined;
}

/**
 * The path whose `{param}` children address what a create makes: its own,
 * or, for a create named by a verb (`POST /files/upload` next to
 * `/files/{id}`), its parent's, when the parent has no create of its own
 * (beside a `POST /files`, a `POST /files/chunk` makes something else).
 */
function collectionPath(spec: LoadedSpec, producer: Operation): string {
  const under = (path: string) => spec.operations.some((op) => op.path.startsWith(`${path}/{`));
  if (under(producer.path)) return producer.path;
  const parent = producer.path.slice(0, producer.path.lastIndexOf('/'));
  const parentCreates = spec.operations.some((op) => op.method === 'post' && op.path === parent);
  return parent && !producer.path.endsWith('}') && !parentCreates && under(parent) ? parent : producer.path;
}

/** The operations that address what a create makes (cleanup counts a POST as a create when there are any). */
export function resourceOperations(spec: LoadedSpec, producer: Operation): Operation[] {
  const prefix = `${collectionPath(spec, producer)}/{`;
  const own = pathParamNames(producer).length;
  return spec.operations.filter((op) => op.path.startsWith(prefix) && pathParamNames(op).length > own);
}

/** The last literal segment of a collection path: `/v1/articles` -> `articles`. */
function resourceName(path: string): string | undefined {
  return path
    .split('/')
    .filter((s) => s !== '' && !s.startsWith('{'))
    .at(-1);
}

/**
 * Operations whose path template matches a Location header (absolute or
 * relative): every method on the path it names, the GET first.
 */
function matchLocation(spec: LoadedSpec, location: string): BoundOperation[] {
  let path: string;
  try {
    path = new URL(location, 'http://tollgate.invalid').pathname;
  } catch {
    return [];
  }
  if (spec.basePath && path.startsWith(spec.basePath)) path = path.slice(spec.basePath.length);
  const out: BoundOperation[] = [];
  const matched = new Map<string, Record<string, unknown>>();
  for (const operation of spec.operations) {
    if (matched.has(operation.path)) continue;
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
    matched.set(operation.path, params);
  }
  for (const operation of spec.operations) {
    const params = matched.get(operation.path);
    // The GET first, so the resource's own read is the one the Location named.
    if (params) out.push({ operation, params, source: 'location' });
  }
  return out.sort((a, b) => Number(b.operation.method === 'get') - Number(a.operation.method === 'get'));
}
