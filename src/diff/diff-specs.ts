import { compareOperations } from './compare-operations.ts';
import { compareGlobalSecurity } from './compare-security.ts';
import type { DiffContext, DiffSide } from './diff-context.ts';
import type { DiffFinding } from './types.ts';

/**
 * Every breaking (and not breaking) change from `base` to `revision`, as
 * findings with oasdiff's check ids and levels, in spec order. Pure: both
 * specs are already loaded; `today` (YYYY-MM-DD) judges sunset dates.
 */
export function diffSpecs(
  base: DiffSide,
  revision: DiffSide,
  today = new Date().toISOString().slice(0, 10),
): DiffFinding[] {
  const ctx: DiffContext = { base, revision, today, findings: [] };
  compareOperations(ctx);
  compareGlobalSecurity(ctx);
  return ctx.findings;
}
