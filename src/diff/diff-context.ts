import type { LoadedSpec } from '../spec/types.ts';
import { levelOf } from './check-table.ts';
import type { DiffFinding, SpecLocation } from './types.ts';

/** One of the two specs: the loaded model plus a way to name a line in the file as written. */
export interface DiffSide {
  spec: LoadedSpec;
  /** How messages name it: a relative path, a URL or `git:<ref>:<path>`. */
  display: string;
  /** The root file as written (before bundling and Swagger 2.0 conversion). */
  raw: unknown;
  /** Pointer in `spec.document` -> where to look in the file. */
  locate(pointer: string): SpecLocation;
}

/** What every comparison gets: both sides, today's date (for sunsets) and where findings go. */
export interface DiffContext {
  base: DiffSide;
  revision: DiffSide;
  today: string;
  findings: DiffFinding[];
}

/** Records one finding; the level comes from the check table, never from the caller. */
export function report(
  ctx: DiffContext,
  id: string,
  operation: string,
  text: string,
  pointers: { base?: string; revision?: string },
): void {
  const finding: DiffFinding = { id, level: levelOf(id), operation, text };
  if (pointers.base !== undefined) finding.base = ctx.base.locate(pointers.base);
  if (pointers.revision !== undefined) finding.revision = ctx.revision.locate(pointers.revision);
  ctx.findings.push(finding);
}
