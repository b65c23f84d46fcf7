import { budgetLines, failingFindings, severityOf, unansweredText } from '../run/model.ts';
import type { ContractRun } from './types.ts';

const marks = { error: '✗', warning: '!', info: 'i' } as const;

/**
 * The console summary of a contract run, as lines: findings grouped by
 * cause with a repro (errors first, then warnings), per-check counts,
 * per-operation status coverage. Pure: the CLI prints it, tests read it.
 */
export function contractSummaryLines(
  run: ContractRun,
  options: {
    runDir?: string;
    failOn?: 'error' | 'warning';
    /** The command that reaches the same target with the same flags; default `tollgate contract`. */
    replayCommand?: string;
    /** Flags that change how a case is sent (e.g. `--follow-redirects`), carried by replay lines. */
    replayFlags?: string[];
  } = {},
): string[] {
  const flags = (options.replayFlags ?? []).map((f) => ` ${f}`).join('');
  const lines: string[] = [];
  const u = run.unanswered;
  const overBudget = u.requests > 0 && (u.timeouts + u.connection) / u.requests > parseFloat(u.budget) / 100;
  const failing = failingFindings(run.findings, options.failOn);
  const verdict = run.aborted
    ? `ABORTED (${run.aborted.reason})`
    : failing.length || overBudget
      ? 'FAILED'
      : run.incomplete || run.credentialsLost || run.cleanup.leftover.length
        ? 'INCOMPLETE'
        : 'PASSED';
  const errors = run.findings.filter((f) => severityOf(f) === 'error').length;
  const warnings = run.findings.filter((f) => severityOf(f) === 'warning').length;
  lines.push(
    `contract ${verdict}: ${errors} findings${warnings ? `, ${warnings} warnings` : ''} in ${run.groups.length} groups, ${run.cases} cases, seed ${run.seed}, ${(run.durationMs / 1000).toFixed(1)}s`,
  );
  for (const notice of run.notices ?? []) lines.push(`! ${notice}`);
  const specWarnings = run.specWarnings ?? [];
  if (specWarnings.length) lines.push('', `Spec warnings (${specWarnings.length}, not findings)`);
  for (const w of specWarnings) lines.push(`  ! ${w.message} [${w.code}]`);
  if (u.timeouts + u.connection)
    lines.push(`  ${overBudget ? '✗' : '!'} ${unansweredText(u)}${overBudget ? ': over budget' : ''}`);
  if (run.groups.length) lines.push('', 'Findings');
  const rank = { error: 0, warning: 1, info: 2 };
  const groups = [...run.groups].sort((a, b) => rank[severityOf(a)] - rank[severityOf(b)]);
  for (const group of groups) {
    const f = run.findings[group.first];
    const severity = severityOf(group);
    lines.push(
      `  ${marks[severity]} ${severity === 'error' ? '' : `${severity}: `}${group.operation}  ${group.title}  [${group.check}]${group.count > 1 ? ` ×${group.count}` : ''}`,
    );
    lines.push(`      ${f.expected}`, `      ${f.received}`);
    if (f.replayId)
      lines.push(
        `      replay: ${options.replayCommand ?? 'tollgate contract'} --replay ${f.replayId}${options.runDir ? ` --run-dir ${options.runDir}` : ''}${flags}`,
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
  lines.push(...problemLines(run.generationProblems));
  const { created, deleted, leftover, curls = [] } = run.cleanup;
  lines.push(
    '',
    `Cleanup: ${deleted}/${created} created resources deleted${leftover.length ? `, ${leftover.length} left on the server:` : ''}`,
  );
  for (const left of leftover) lines.push(`  ! ${left}`);
  if (curls.length) lines.push('  delete them by hand:', ...curls.map((c) => `    ${c}`));
  const budget = budgetLines(run);
  if (budget.length) lines.push('', ...budget);
  if (run.stats.dropped)
    lines.push(`Dropped ${run.stats.dropped} generated cases whose validity disagreed with the schema`);
  return lines;
}

/** One line per problem, or per reason when many operations share it (a 2,000-operation spec). */
function problemLines(problems: ContractRun['generationProblems']): string[] {
  const byReason = new Map<string, string[]>();
  for (const p of problems) {
    const ops = byReason.get(p.reason);
    if (ops) ops.push(p.operation);
    else byReason.set(p.reason, [p.operation]);
  }
  return [...byReason].flatMap(([reason, ops]) =>
    ops.length <= 3
      ? ops.map((op) => `  ! ${op}: ${reason}`)
      : [
          `  ! ${ops.length} operations: ${reason} (${ops.slice(0, 3).join(', ')} and ${ops.length - 3} more)`,
        ],
  );
}
