import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { TollgateError } from '../errors/tollgate-error.ts';
import { isObject } from '../spec/json-pointer.ts';
import { diffChecks } from './check-table.ts';
import type { DiffFinding } from './types.ts';

/** One accepted change: which check, optionally on which operation, and why it is fine. */
export interface IgnoreEntry {
  check: string;
  /** `GET /albums/{id}`; omitted means every operation. */
  operation?: string;
  reason: string;
}

/**
 * Reads an ignore file: a YAML list of `{ check, operation?, reason }`. A
 * reason is required (an accepted break with no reason is a break nobody
 * remembers accepting); an unknown check id is an error, not a silent no-op.
 */
export function readIgnoreFile(file: string): IgnoreEntry[] {
  let value: unknown;
  try {
    value = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new TollgateError(
      'TG_DIFF_IGNORE_INVALID',
      `cannot read ignore file ${file}: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value))
    throw invalid(file, '', 'must be a list of { check, operation?, reason }', value);
  return value.map((entry, i) => {
    const at = `[${i}]`;
    if (!isObject(entry)) throw invalid(file, at, 'must be an object', entry);
    if (typeof entry.check !== 'string' || !Object.hasOwn(diffChecks, entry.check))
      throw invalid(file, `${at}.check`, 'must be a check id of `tollgate diff` (see README)', entry.check);
    if (typeof entry.reason !== 'string' || entry.reason.trim() === '')
      throw invalid(file, `${at}.reason`, 'must say why the change is accepted', entry.reason);
    if (entry.operation !== undefined && typeof entry.operation !== 'string')
      throw invalid(file, `${at}.operation`, 'must look like "GET /albums/{id}"', entry.operation);
    const out: IgnoreEntry = { check: entry.check, reason: entry.reason.trim() };
    if (typeof entry.operation === 'string') out.operation = entry.operation;
    return out;
  });
}

/** Marks the findings an entry accepts; they stay in the report, with the reason, and never fail. */
export function applyIgnores(findings: DiffFinding[], entries: IgnoreEntry[]): DiffFinding[] {
  return findings.map((f) => {
    const hit = entries.find(
      (e) =>
        e.check === f.id &&
        (e.operation === undefined || e.operation.toLowerCase() === f.operation.toLowerCase()),
    );
    return hit ? { ...f, ignored: hit.reason } : f;
  });
}

function invalid(file: string, at: string, rule: string, got: unknown): TollgateError {
  return new TollgateError('TG_DIFF_IGNORE_INVALID', `${file}${at}: ${rule}, got ${JSON.stringify(got)}`);
}
