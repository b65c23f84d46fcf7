/**
 * Reads a local `$ref` (`#/components/schemas/Album`) in a bundled document.
 * Returns undefined instead of throwing: the spec loader already reported
 * broken refs, and a check must never crash on one.
 */
export function readLocalRef(document: Record<string, unknown>, ref: string): unknown {
  let cache = caches.get(document);
  if (!cache) {
    cache = new Map();
    caches.set(document, cache);
  }
  if (cache.has(ref)) return cache.get(ref);
  const target = walk(document, ref);
  cache.set(ref, target);
  return target;
}

/** Documents are not changed once loaded, so a ref always reads the same target. */
const caches = new WeakMap<object, Map<string, unknown>>();

function walk(document: Record<string, unknown>, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  const body = safeDecode(ref.slice(1));
  if (body === '') return document;
  let node: unknown = document;
  for (const raw of body.replace(/^\//, '').split('/')) {
    const segment = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

/** Follows `$ref` chains (bounded) until a schema that is not a bare ref. */
export function derefSchema(document: Record<string, unknown>, schema: unknown): unknown {
  let current = schema;
  for (let hops = 0; hops < 32; hops++) {
    const ref = (current as { $ref?: unknown } | null)?.$ref;
    if (typeof ref !== 'string') return current;
    current = readLocalRef(document, ref);
  }
  return undefined;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
