/**
 * Media types as checks compare them: lower-case `type/subtype` without
 * parameters, and documented keys that may hold wildcards (`*\/*`,
 * `application/*`, `application/*+json`).
 */

/** `application/json; charset=utf-8` -> `application/json`; undefined when absent or empty. */
export function essence(contentType: string | undefined): string | undefined {
  const value = contentType?.split(';')[0].trim().toLowerCase();
  return value ? value : undefined;
}

/** Whether a documented media-type key (maybe with wildcards) covers an actual media type. */
function mediaTypeMatches(documented: string, actual: string): boolean {
  const [docType, docSub] = (essence(documented) ?? '').split('/');
  const [type, sub] = actual.split('/');
  if (!docType || !docSub || !type || !sub) return false;
  if (docType !== '*' && docType !== type) return false;
  if (docSub === '*' || docSub === sub) return true;
  // `application/*+json` covers `application/problem+json`.
  return docSub.startsWith('*+') && sub.endsWith(docSub.slice(1));
}

/** The documented key that covers `actual`: an exact match first, then the narrowest wildcard. */
export function findMediaType(documented: string[], actual: string): string | undefined {
  const exact = documented.find((key) => essence(key) === actual);
  if (exact) return exact;
  const covering = documented.filter((key) => mediaTypeMatches(key, actual));
  return covering.sort((a, b) => wildcardCount(a) - wildcardCount(b))[0];
}

export function isJsonMediaType(mediaType: string): boolean {
  const value = essence(mediaType) ?? '';
  return value === 'application/json' || value.endsWith('+json') || value === '*/*';
}

function wildcardCount(key: string): number {
  return key.split('*').length - 1;
}
