/** A plain value as TypeScript source on one line: `{ bearer: { env: 'TOKEN' } }`, `[0]`, `'x'`. */
export function tsLiteral(value: unknown): string {
  if (typeof value === 'string') return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (Array.isArray(value)) return `[${value.map(tsLiteral).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    const key = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : tsLiteral(k));
    return `{ ${entries.map(([k, v]) => `${key(k)}: ${tsLiteral(v)}`).join(', ')} }`;
  }
  return 'undefined';
}

/**
 * An import (or re-export) line of a file init writes. Built from parts so
 * that the module names, which belong to the user's project, are not read as
 * imports of tollgate's own source.
 */
export function importLine(
  names: string,
  module: string,
  keyword: 'import' | 'import type' | 'export' = 'import',
): string {
  return `${keyword} ${names} from ${tsLiteral(module)};`;
}
