import { isObject } from './json-pointer.ts';

/**
 * The path prefix every operation path sits under, from `servers[0].url`:
 * `http://x/api/v1`, `//localhost:8080/api/v1` (a Swagger 2.0 source with no
 * `schemes`) and `/api/v1` all give `/api/v1`. Server variables take their
 * defaults. '' when there is no prefix. The host is never used: the base URL
 * comes from the environment.
 */
export function basePathOf(document: Record<string, unknown>): string {
  const servers = document.servers;
  const server = Array.isArray(servers) ? servers[0] : undefined;
  if (!isObject(server) || typeof server.url !== 'string') return '';
  const url = substituteVariables(server.url, server.variables);
  return normalise(pathPart(url));
}

function pathPart(url: string): string {
  if (url.startsWith('//')) return new URL(`http:${url}`).pathname;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    try {
      return new URL(url).pathname;
    } catch {
      return url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
    }
  }
  return url.split(/[?#]/)[0];
}

function substituteVariables(url: string, variables: unknown): string {
  return url.replace(/\{([^{}]+)\}/g, (whole, name: string) => {
    const variable = isObject(variables) ? variables[name] : undefined;
    return isObject(variable) && variable.default !== undefined ? String(variable.default) : whole;
  });
}

function normalise(path: string): string {
  const decoded = path.replace(/\/+$/, '');
  if (decoded === '' || decoded === '.') return '';
  return decoded.startsWith('/') ? decoded : `/${decoded}`;
}
