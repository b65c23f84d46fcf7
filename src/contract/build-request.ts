import { serializeParam } from '../cases/request-validity.ts';
import type { TestCase } from '../cases/types.ts';
import type { RequestRecord } from '../http/types.ts';
import type { LoadedSpec, Operation } from '../spec/types.ts';
import { serializeBody } from './serialize-body.ts';

/**
 * Turns a case into the request that goes on the wire: base URL + basePath +
 * path with encoded parameters, query arrays as repeated keys when they
 * explode (what Gin's binding reads), the target's headers (credentials
 * included unless the case strips or breaks them), then the case's own.
 */
export interface TargetParts {
  baseURL: string;
  /** Sent with every request; lower-case names. */
  headers: Record<string, string>;
  /** Query parameters sent with every request (API keys in the query). */
  query?: Record<string, string>;
}

export function buildRequest(
  spec: LoadedSpec,
  operation: Operation,
  testCase: TestCase,
  target: TargetParts,
): RequestRecord {
  const { request } = testCase;
  const method = (request.method ?? operation.method).toUpperCase();
  // A missing path value is an empty segment, as Gin sees it (no route matches), never the text `{name}`.
  const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    request.pathParams[name] === undefined ? '' : encodeURIComponent(String(request.pathParams[name])),
  );
  const url = new URL(joinUrl(target.baseURL, spec.basePath, path));
  const search = new URLSearchParams();
  const credentials = credentialNames(spec, operation);
  for (const [name, value] of Object.entries(target.query ?? {})) {
    if (request.auth === 'none' && credentials.query.has(name)) continue;
    search.append(
      name,
      request.auth === 'invalid' && credentials.query.has(name) ? 'tollgate-invalid-key' : value,
    );
  }
  for (const [name, value] of Object.entries(request.query)) {
    if (value === undefined) continue;
    const param = operation.parameters.find((p) => p.in === 'query' && p.name === name);
    const parts = param ? serializeParam(param, value) : [String(value)];
    for (const part of parts) search.append(name, part);
  }
  url.search = search.toString();
  const headers: Record<string, string> = {};
  const omitted = new Set(request.omitHeaders ?? []);
  const changed = new Set(request.changedHeaders ?? []);
  const given = new Set(Object.keys(target.headers).map((name) => name.toLowerCase()));
  // A credential the case strips or breaks stays stripped or broken, whoever supplied it.
  const credential = (lower: string, value: string) =>
    credentials.headers.has(lower) && request.auth === 'none'
      ? undefined
      : credentials.headers.has(lower) && request.auth === 'invalid'
        ? invalidCredential(value)
        : value;
  for (const [name, value] of Object.entries(target.headers)) {
    const lower = name.toLowerCase();
    const sent = credential(lower, value);
    if (sent !== undefined && !omitted.has(lower)) headers[lower] = sent;
  }
  for (const [name, value] of Object.entries(request.headers)) {
    const lower = name.toLowerCase();
    if (omitted.has(lower) || (given.has(lower) && !changed.has(lower))) continue;
    const sent = changed.has(lower) ? value : credential(lower, value);
    if (sent === undefined) delete headers[lower];
    else headers[lower] = sent;
  }
  const wire = serializeBody(spec, operation, request);
  const body = wire?.body;
  if (wire?.contentType) headers['content-type'] = wire.contentType;
  const encoding =
    request.rawBody !== undefined && request.rawEncoding ? { bodyEncoding: request.rawEncoding } : {};
  return { method, url: url.toString(), headers, body, ...encoding };
}

export function joinUrl(baseURL: string, basePath: string, path: string): string {
  const base = baseURL.replace(/\/+$/, '');
  const prefix = basePath && !new URL(base).pathname.replace(/\/+$/, '').endsWith(basePath) ? basePath : '';
  return `${base}${prefix}${path}`;
}

/** Where an operation's security schemes carry credentials. */
function credentialNames(
  spec: LoadedSpec,
  operation: Operation,
): { headers: Set<string>; query: Set<string> } {
  const headers = new Set<string>();
  const query = new Set<string>();
  const schemes = ((spec.document.components as Record<string, unknown>)?.securitySchemes ?? {}) as Record<
    string,
    Record<string, unknown>
  >;
  for (const requirement of operation.security) {
    for (const name of Object.keys(requirement)) {
      const scheme = schemes[name] ?? {};
      if (scheme.type === 'apiKey' && scheme.in === 'query') query.add(String(scheme.name));
      else if (scheme.type === 'apiKey' && scheme.in === 'header')
        headers.add(String(scheme.name).toLowerCase());
      else if (scheme.type === 'apiKey' && scheme.in === 'cookie') headers.add('cookie');
      else headers.add('authorization');
    }
  }
  if (headers.size === 0 && query.size === 0) headers.add('authorization');
  return { headers, query };
}

function invalidCredential(value: string): string {
  const scheme = /^(\w+)\s+/.exec(value);
  if (scheme?.[1].toLowerCase() === 'basic')
    return `Basic ${Buffer.from('tollgate:invalid').toString('base64')}`;
  return scheme ? `${scheme[1]} tollgate-invalid-token` : 'tollgate-invalid-key';
}
