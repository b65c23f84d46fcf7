import type { Operation, Parameter, SchemaObject } from '../spec/types.ts';
import { bodyMedia, isFilePart, kindOf, mediaSchema } from './body-media.ts';
import type { CaseRequest, GenerationContext, IsValid } from './types.ts';

/**
 * Whether a whole request is one the spec accepts. Every case goes through
 * here before it counts: a "negative" case that is valid is dropped, and so
 * is a "positive" one that is not. Parameters are judged as the server sees
 * them: strings from the URL or headers, read back as numbers or booleans
 * the way Gin's binding would.
 */
/** The documented media type the generator fills (body-media.ts), undefined when it knows none. */
export function bodyMediaType(operation: Operation): string | undefined {
  return bodyMedia(operation)?.type;
}

export function bodySchema(operation: Operation): SchemaObject | undefined {
  const media = bodyMedia(operation);
  return media ? mediaSchema(operation, media) : undefined;
}

/** The strings that go on the wire for one parameter value. */
export function serializeParam(param: Parameter, value: unknown): string[] {
  if (Array.isArray(value)) {
    const parts = value.map((v) => scalarText(v));
    return param.in === 'query' && param.explode ? parts : [parts.join(',')];
  }
  return [scalarText(value)];
}

function scalarText(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

/** What a server reads back from the wire strings, typed by the parameter's schema. */
export function readParam(param: Parameter, wire: string[], document: Record<string, unknown>): unknown {
  const schema = resolveLocal(document, param.schema);
  const type = typeOf(schema);
  if (type === 'array') {
    const items = resolveLocal(document, (schema.items as SchemaObject) ?? {});
    const parts = param.in === 'query' && param.explode ? wire : wire[0] === '' ? [] : wire[0].split(',');
    return parts.map((p) => coerce(typeOf(items), p));
  }
  return coerce(type, wire[wire.length - 1]);
}

function coerce(type: string | undefined, text: string): unknown {
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text))
    return Number(text);
  if (type === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

function typeOf(schema: SchemaObject): string | undefined {
  const t = schema.type;
  if (Array.isArray(t)) return t.find((x) => x !== 'null');
  return typeof t === 'string' ? t : undefined;
}

function resolveLocal(document: Record<string, unknown>, schema: SchemaObject): SchemaObject {
  let node: SchemaObject = schema;
  for (let hops = 0; typeof node.$ref === 'string' && hops < 16; hops++) {
    const ref = node.$ref as string;
    let target: unknown = document;
    for (const raw of ref.slice(2).split('/')) {
      target = (target as Record<string, unknown>)?.[raw.replaceAll('~1', '/').replaceAll('~0', '~')];
    }
    node = (target as SchemaObject) ?? {};
  }
  return node;
}

function paramValues(param: Parameter, request: CaseRequest): unknown {
  if (param.in === 'path') return request.pathParams[param.name];
  if (param.in === 'query') return request.query[param.name];
  if (param.in === 'header') {
    const key = Object.keys(request.headers).find((h) => h.toLowerCase() === param.name.toLowerCase());
    return key === undefined ? undefined : request.headers[key];
  }
  return undefined;
}

/** Undefined when valid, else a short reason (`query.limit`, `body`, `content-type`). */
export function requestViolation(ctx: GenerationContext, request: CaseRequest): string | undefined {
  const { operation, spec, isValid } = ctx;
  for (const param of operation.parameters) {
    if (param.in === 'cookie') continue;
    const value = paramValues(param, request);
    if (value === undefined) {
      if (param.required) return `${param.in}.${param.name} missing`;
      continue;
    }
    const read = readParam(param, serializeParam(param, value), spec.document);
    if (param.in === 'path' && read === '') return `path.${param.name} empty`;
    if (!isValid(param.schema, read)) return `${param.in}.${param.name}`;
  }
  return bodyViolation(operation, request, isValid, spec.document);
}

/** A form body judged as the server reads it: every value is text, typed back by its property's schema. */
function formViolation(
  schema: SchemaObject,
  request: CaseRequest,
  isValid: IsValid,
  document: Record<string, unknown>,
): string | undefined {
  if (request.rawBody !== undefined) return 'body not a form';
  const body = request.body;
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'body not a form';
  const properties = (resolveLocal(document, schema).properties ?? {}) as Record<string, SchemaObject>;
  const read: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(body)) {
    const property = properties[name] ?? {};
    const file = isFilePart(document, property);
    if (file && request.plainParts?.includes(name)) return `body.${name} sent as a plain field, not a file`;
    if (!file && value !== null && typeof value === 'object' && !Array.isArray(value)) return `body.${name}`;
    const resolved = resolveLocal(document, property);
    if (file) read[name] = value;
    else if (Array.isArray(value)) {
      const items = resolveLocal(document, (resolved.items as SchemaObject) ?? {});
      read[name] = value.map((v) => coerce(typeOf(items), String(v)));
    } else read[name] = coerce(typeOf(resolved), String(value));
  }
  return isValid(schema, read) ? undefined : 'body';
}

function bodyViolation(
  operation: Operation,
  request: CaseRequest,
  isValid: IsValid,
  document: Record<string, unknown>,
): string | undefined {
  const schema = bodySchema(operation);
  const hasBody = request.rawBody !== undefined || request.body !== undefined;
  if (!operation.requestBody) return undefined;
  if (!hasBody || request.rawBody === '') return operation.requestBody.required ? 'body missing' : undefined;
  if (request.contentType && !(request.contentType in operation.requestBody.content)) return 'content-type';
  if (schema === undefined) return undefined;
  const kind = kindOf(request.contentType ?? bodyMediaType(operation));
  if (kind === 'multipart' || kind === 'urlencoded') return formViolation(schema, request, isValid, document);
  if (kind === 'text' || kind === 'bytes')
    return isValid(schema, request.rawBody ?? request.body) ? undefined : 'body';
  let value = request.body;
  if (request.rawBody !== undefined) {
    try {
      value = JSON.parse(request.rawBody);
    } catch {
      return 'body not JSON';
    }
  }
  return isValid(schema, value) ? undefined : 'body';
}
