/**
 * Swagger 2.0 `host`/`basePath`/`schemes` as OpenAPI 3.0 `servers`. swag
 * usually writes no `schemes`, which gives a scheme-relative URL
 * (`//localhost:8080/api/v1`); with no `host` at all only the path remains.
 * A host is never invented: the base URL comes from the environment.
 */
export function convertServers(doc: Record<string, unknown>): { url: string }[] | undefined {
  const host = typeof doc.host === 'string' && doc.host !== '' ? doc.host : undefined;
  const basePath = typeof doc.basePath === 'string' ? doc.basePath.replace(/\/+$/, '') : '';
  const schemes = Array.isArray(doc.schemes)
    ? doc.schemes.filter((s): s is string => typeof s === 'string')
    : [];
  if (!host) return basePath ? [{ url: basePath }] : undefined;
  if (schemes.length === 0) return [{ url: `//${host}${basePath}` }];
  return schemes.map((scheme) => ({ url: `${scheme}://${host}${basePath}` }));
}
