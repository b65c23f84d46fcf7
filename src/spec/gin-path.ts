/**
 * OpenAPI path templates and Gin route patterns name the same routes in two
 * syntaxes: `/v1/albums/{id}` is Gin's `/v1/albums/:id`. A template segment
 * that is only partly a parameter (`/files/{name}.json`) has no Gin
 * equivalent; it is kept as written so the mismatch stays visible.
 */

/** `/v1/albums/{id}/tracks/{trackId}` -> `/v1/albums/:id/tracks/:trackId`. */
export function toGinPath(openApiPath: string): string {
  return openApiPath
    .split('/')
    .map((segment) => segment.replace(/^\{([^{}]+)\}$/, ':$1'))
    .join('/');
}

/** `/v1/albums/:id` -> `/v1/albums/{id}`; Gin's catch-all `*filepath` becomes `{filepath}`. */
export function fromGinPath(ginPath: string): string {
  return ginPath
    .split('/')
    .map((segment) => segment.replace(/^[:*](.+)$/, '{$1}'))
    .join('/');
}
