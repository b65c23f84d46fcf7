import type { HttpMethod, LoadedSpec, Operation } from './types.ts';

/**
 * Finds the operation a request targets: method plus path, with the spec's
 * base path stripped and `{param}` segments matching any one segment. A
 * literal segment beats a parameter (`/albums/search` before `/albums/{id}`).
 */
export function matchOperation(spec: LoadedSpec, method: string, pathname: string): Operation | undefined {
  const path = stripBase(decodeURIComponentSafe(pathname), spec.basePath);
  if (path === undefined) return undefined;
  const segments = split(path);
  let best: { op: Operation; score: number } | undefined;
  for (const op of spec.operations) {
    if (op.method !== (method.toLowerCase() as HttpMethod)) continue;
    const score = matchScore(split(op.path), segments);
    if (score >= 0 && (!best || score > best.score)) best = { op, score };
  }
  return best?.op;
}

function matchScore(template: string[], actual: string[]): number {
  if (template.length !== actual.length) return -1;
  let score = 0;
  for (let i = 0; i < template.length; i++) {
    if (/^\{[^}]+\}$/.test(template[i]) && actual[i] !== '') continue;
    if (template[i] !== actual[i]) return -1;
    score++;
  }
  return score;
}

/** The path below the base path; undefined when the request is outside it. */
function stripBase(path: string, basePath: string): string | undefined {
  if (!basePath) return path;
  if (path === basePath || path.startsWith(`${basePath}/`)) return path.slice(basePath.length) || '/';
  return undefined;
}

const split = (path: string) => path.split('/').filter((s, i, all) => s !== '' || i === all.length - 1);

function decodeURIComponentSafe(path: string): string {
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}
