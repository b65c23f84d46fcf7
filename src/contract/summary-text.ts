import { unansweredText } from '../run/model.ts';
import type { ContractRun } from './types.ts';

/**
 * The console summary of a contract run, as lines: findings grouped by
 * cause with a repro, per-check counts, per-operation status coverage.
 * Pure: the CLI prints it, tests read it.
 */
export function contractSummaryLines(run: ContractRun, options: { runDir?: string } = {}): string[] {
  const lines: string[] = [];
  const u = run.unanswered;
  const overBudget = u.requests > 0 && (u.timeouts + u.connection) / u.requests > parseFloat(u.budget) / 100;
  const verdict = run.aborted
    ? `ABORTED (${run.aborted.reason})`
    : run.findings.length || overBudget
      ? 'FAILED'
      : 'PASSED';
  lines.push(
    `contract ${verdict}: ${run.findings.length} findings in ${run.groups.length} groups, ${run.cases} cases, seed ${run.seed}, ${(run.durationMs / 1000).toFixed(1)}s`,
  );
  for (const notice of run.notices ?? []) lines.push(`! ${notice}`);
  const warnings = run.specWarnings ?? [];
  if (warnings.length) lines.push('', `Spec warnings (${warnings.length}, not findings)`);
  for (const w of warnings) lines.push(`  ! ${w.message} [${w.code}]`);
  if (u.timeouts + u.connection)
    lines.push(`  ${overBudget ? '✗' : '!'} ${unansweredText(u)}${overBudget ? ': over budget' : ''}`);
  if (run.groups.length) lines.push('', 'Findings');
  for (const group of run.groups) {
    const f = run.findings[group.first];
    lines.push(
      `  ✗ ${group.operation}  ${group.title}  [${group.check}]${group.count > 1 ? ` ×${group.count}` : ''}`,
    );
    lines.push(`      ${f.expected}`, `      ${f.received}`);
    if (f.replayId)
      lines.push(
        `      replay: tollgate contract --replay ${f.replayId}${options.runDir ? ` --run-dir ${options.runDir}` : ''}`,
      );
    if (f.curl) lines.push(`      ${f.curl.length > 300 ? `${f.curl.slice(0, 297)}...` : f.curl}`);
  }
  lines.push('', 'Checks (cases / failures)');
  for (const [name, c] of Object.entries(run.perCheck)) {
    lines.push(
      `  ${c.failures ? '✗' : '✓'} ${name.padEnd(26)} ${String(c.cases).padStart(5)} / ${c.failures}`,
    );
  }
  lines.push('', 'Operations (status: count; never seen)');
  for (const op of run.operations) {
    const seen = Object.entries(op.seen)
      .map(([s, n]) => `${s}:${n}`)
      .join(' ');
    const never = op.neverSeen.length ? `; never ${op.neverSeen.join(', ')}` : '';
    const p95 = op.latencyMs ? ` p95 ${op.latencyMs.p95.toFixed(1)}ms` : '';
    lines.push(`  ${op.operation.padEnd(40)} ${String(op.cases).padStart(4)} cases  ${seen}${never}${p95}`);
  }
  for (const p of run.generationProblems) lines.push(`  ! ${p.operation}: ${p.reason}`);
  const { created, deleted, leftover } = run.cleanup;
  lines.push(
    '',
    `Cleanup: ${deleted}/${created} created resources deleted${leftover.length ? `; left: ${leftover.join(', ')}` : ''}`,
  );
  if (run.stats.dropped)
    lines.push(`Dropped ${run.stats.dropped} generated cases whose validity disagreed with the schema`);
  return lines;
}
