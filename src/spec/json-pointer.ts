/**
 * JSON pointers (RFC 6901) in their URI-fragment form, `#/paths/~1v1~1albums/get`,
 * which is how `$ref`s, findings and error messages name a place in a spec.
 */

function escapeSegment(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

function unescapeSegment(segment: string): string {
  return segment.replaceAll('~1', '/').replaceAll('~0', '~');
}

/** `['paths', '/v1/albums', 'get']` -> `#/paths/~1v1~1albums/get`. */
export function toPointer(segments: readonly (string | number)[]): string {
  return `#${segments.map((s) => `/${escapeSegment(String(s))}`).join('')}`;
}

/** `#/paths/~1v1~1albums/get` (or without `#`) -> `['paths', '/v1/albums', 'get']`. */
export function parsePointer(pointer: string): string[] {
  let body = pointer.startsWith('#') ? pointer.slice(1) : pointer;
  body = safeDecode(body);
  if (body === '' || body === '/') return body === '/' ? [''] : [];
  return body.replace(/^\//, '').split('/').map(unescapeSegment);
}

/** Appends segments to a pointer: `childPointer('#/paths', '/v1')` -> `#/paths/~1v1`. */
export function childPointer(pointer: string, ...segments: (string | number)[]): string {
  return pointer + segments.map((s) => `/${escapeSegment(String(s))}`).join('');
}

/** The value at `pointer`, or undefined when any step is missing. */
export function getAtPointer(root: unknown, pointer: string): unknown {
  let node = root;
  for (const segment of parsePointer(pointer)) {
    if (Array.isArray(node)) node = node[Number(segment)];
    else if (isObject(node) && Object.hasOwn(node, segment)) node = node[segment];
    else return undefined;
  }
  return node;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Refs are URI fragments, so `%7B` may stand for `{`; a malformed escape is kept as written. */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
