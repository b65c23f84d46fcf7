import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { TollgateError } from '../errors/tollgate-error.ts';
import { displayPath, type GeneratedFile, readCommitted } from './generate-clients.ts';

export interface StaleFile {
  file: GeneratedFile;
  /** `missing` when nothing is committed, `changed` when the text differs. */
  reason: 'missing' | 'changed';
}

/** Compares rendered modules with what is on disk; line endings are normalised so a CRLF checkout is not stale. */
export async function findStale(files: GeneratedFile[]): Promise<StaleFile[]> {
  const stale: StaleFile[] = [];
  for (const file of files) {
    const committed = await readCommitted(file.path);
    if (committed === undefined) stale.push({ file, reason: 'missing' });
    else if (committed.replace(/\r\n/g, '\n') !== file.content) stale.push({ file, reason: 'changed' });
  }
  return stale;
}

/** One line per stale module: `specs/generated/albums.ts is stale: run tollgate generate`. */
export function staleLines(stale: StaleFile[], root: string): string[] {
  return stale.map(({ file, reason }) =>
    reason === 'missing'
      ? `${displayPath(file, root)} is missing: run tollgate generate`
      : `${displayPath(file, root)} is stale: run tollgate generate`,
  );
}

/** TG_GENERATED_STALE (exit 1) naming every stale module; undefined when all are fresh. */
export function staleError(stale: StaleFile[], root: string): TollgateError | undefined {
  if (stale.length === 0) return undefined;
  return new TollgateError('TG_GENERATED_STALE', staleLines(stale, root).join('; '));
}

/** Writes the modules that differ from disk; returns the ones written. */
export async function writeGenerated(files: GeneratedFile[]): Promise<GeneratedFile[]> {
  const changed = (await findStale(files)).map((s) => s.file);
  for (const file of changed) {
    await mkdir(dirname(file.path), { recursive: true });
    await writeFile(file.path, file.content);
  }
  return changed;
}
