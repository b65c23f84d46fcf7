import { TollgateError } from '../../errors/tollgate-error.ts';
import { toGinPath } from '../gin-path.ts';
import { childPointer, isObject } from '../json-pointer.ts';
import type { HttpMethod, Operation, RequestBody, SecurityRequirement } from '../types.ts';
import { extensionsOf, followRefs } from './follow-refs.ts';
import { toMediaTypes } from './media-types.ts';
import { mergeParameters } from './parameters.ts';
import { toResponses } from './responses.ts';

const methods: readonly HttpMethod[] = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * The operation index: every path x method of a bundled OpenAPI 3.x document,
 * in document order, with everything a check needs resolved except schema
 * `$ref`s. Operation ids must be unique, since findings and links use them.
 */
export function buildOperations(document: Record<string, unknown>): Operation[] {
  const paths = isObject(document.paths) ? document.paths : {};
  const found: {
    path: string;
    method: HttpMethod;
    pathItem: Record<string, unknown>;
    op: Record<string, unknown>;
  }[] = [];
  for (const [path, rawItem] of Object.entries(paths)) {
    if (path.startsWith('x-')) continue;
    const pathItem = followRefs(document, rawItem, childPointer('#/paths', path));
    for (const method of Object.keys(pathItem) as HttpMethod[]) {
      if (methods.includes(method) && isObject(pathItem[method])) {
        found.push({ path, method, pathItem, op: pathItem[method] as Record<string, unknown> });
      }
    }
  }
  const idAt = new Map(
    found.map((f) => [childPointer('#/paths', f.path, f.method), idOf(f.op, f.method, f.path)]),
  );
  const operationIdAt = (pointer: string) => idAt.get(decodeOperationRef(pointer));
  const seen = new Map<string, string>();
  return found.map(({ path, method, pathItem, op }) => {
    const pointer = childPointer('#/paths', path, method);
    const id = idOf(op, method, path);
    const clash = seen.get(id);
    if (clash) {
      throw new TollgateError('TG_SPEC_INVALID', `${pointer}: operationId "${id}" is also used at ${clash}`, {
        hint: 'give every operation a unique operationId',
      });
    }
    seen.set(id, pointer);
    const key = `${method.toUpperCase()} ${path}`;
    const requestBody = toRequestBody(document, op.requestBody, childPointer(pointer, 'requestBody'));
    return {
      id,
      key,
      method,
      path,
      ginPath: toGinPath(path),
      tags: Array.isArray(op.tags) ? op.tags.map(String) : [],
      ...(typeof op.summary === 'string' ? { summary: op.summary } : {}),
      parameters: mergeParameters(
        document,
        pathItem.parameters,
        op.parameters,
        childPointer('#/paths', path),
        pointer,
      ),
      ...(requestBody ? { requestBody } : {}),
      responses: toResponses(document, op.responses, childPointer(pointer, 'responses'), operationIdAt),
      security: securityOf(op.security ?? document.security),
      pointer,
      extensions: extensionsOf(op),
    };
  });
}

function idOf(op: Record<string, unknown>, method: string, path: string): string {
  return typeof op.operationId === 'string' && op.operationId !== ''
    ? op.operationId
    : `${method.toUpperCase()} ${path}`;
}

function toRequestBody(document: Record<string, unknown>, raw: unknown, at: string): RequestBody | undefined {
  if (raw === undefined) return undefined;
  const body = followRefs(document, raw, at);
  return {
    required: body.required === true,
    content: toMediaTypes(document, body.content, childPointer(at, 'content')),
  };
}

function securityOf(raw: unknown): SecurityRequirement[] {
  if (!Array.isArray(raw)) return [];
  return raw
    .filter(isObject)
    .map((requirement) =>
      Object.fromEntries(
        Object.entries(requirement).map(([name, scopes]) => [
          name,
          Array.isArray(scopes) ? scopes.map(String) : [],
        ]),
      ),
    );
}

/** operationRef may be `#/paths/~1v1~1albums/get` or its percent-encoded form; a relative file part is dropped. */
function decodeOperationRef(ref: string): string {
  const fragment = ref.slice(ref.indexOf('#'));
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}
