/** Placeholder replaced below. */
export function convertSwagger2(document: Record<string, unknown>): Record<string, unknown> {
  return document;
}
