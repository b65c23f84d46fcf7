import type { DiffSide } from './diff-context.ts';
import { diffSpecs } from './diff-specs.ts';
import { applyIgnores, readIgnoreFile } from './ignore-file.ts';
import { byLevel, failsAt } from './levels.ts';
import { loadSide } from './load-side.ts';
import type { DiffLevel, DiffResult } from './types.ts';

export interface RunDiffOptions {
  base: string;
  revision: string;
  cwd: string;
  /** Default: 'ERR'. */
  failOn?: DiffLevel;
  ignoreFile?: string;
  /** YYYY-MM-DD for sunset dates. Default: today (UTC). */
  today?: string;
}

/** `tollgate diff` and the `diff` gate stage: load both sides, compare, apply the ignore file, decide. */
export async function runDiff(options: RunDiffOptions): Promise<DiffResult> {
  const ignores = options.ignoreFile ? readIgnoreFile(options.ignoreFile) : [];
  const [base, revision] = await Promise.all([
    loadSide(options.base, 'base', options.cwd),
    loadSide(options.revision, 'revision', options.cwd),
  ]);
  return diffResult(base, revision, options.failOn ?? 'ERR', ignores, options.today);
}

function diffResult(
  base: DiffSide,
  revision: DiffSide,
  failOn: DiffLevel,
  ignores: ReturnType<typeof readIgnoreFile>,
  today?: string,
): DiffResult {
  const findings = applyIgnores(diffSpecs(base, revision, today), ignores).sort(byLevel);
  const counted = findings.filter((f) => !f.ignored);
  const counts: Record<DiffLevel, number> = { ERR: 0, WARN: 0, INFO: 0 };
  for (const f of counted) counts[f.level]++;
  return {
    base: { source: base.display, format: format(base) },
    revision: { source: revision.display, format: format(revision) },
    failOn,
    findings,
    counts,
    failed: counted.some((f) => failsAt(f.level, failOn)),
  };
}

function format(side: DiffSide): string {
  return side.spec.version === '2.0' ? 'swagger-2.0' : `openapi-${side.spec.version}`;
}
