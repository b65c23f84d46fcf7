import { ExitCode } from '../errors/exit-codes.ts';
import { gatesVerdict } from '../gates/evaluate-gates.ts';
import { exitWords as exitText, recoveryText } from '../report/watch-text.ts';
import type { WatchResult } from '../run/model.ts';
import type { StageOutcome } from '../run/stages/types.ts';

/**
 * Why a watch did not pass, one reason each: the command failed or never
 * ran, a gate failed (or could not be trusted), traffic failed before the
 * switch, a rollback was needed. Empty: the switch passed.
 */
export function watchProblems(watch: WatchResult): string[] {
  const problems: string[] = [];
  if (watch.unreachable) problems.push(watch.unreachable);
  else if (!watch.command) problems.push('the command did not run');
  else if (watch.command.exitCode !== 0) problems.push(`the command ${exitText(watch.command)}`);
  for (const g of watch.gates) {
    if (g.verdict !== 'pass')
      problems.push(`gate ${g.name} ${g.threshold}: ${g.measuredText} (${g.verdict})`);
  }
  if (watch.command && watch.window.requests === 0)
    problems.push('no request was answered or failed in the switch window: nothing was measured');
  if (watch.before.errors.count > 0 && !watch.unreachable)
    problems.push(`${watch.before.errors.count} requests failed before the command started`);
  if (watch.rollback) {
    const r = watch.rollback;
    const recovered = recoveryText(r);
    problems.push(`rolled back (${r.trigger}); the rollback ${exitText(r)}, ${recovered}`);
  }
  if (watch.aborted) problems.push(`interrupted: ${watch.aborted.reason}`);
  return problems;
}

/** The watch as the one stage of its run: verdict, a one-line summary, its gates. */
export function watchOutcome(watch: WatchResult): StageOutcome {
  const w = watch.window;
  const seconds = ((w.endMs - w.startMs) / 1000).toFixed(1);
  const summary = `switch window ${seconds}s: ${w.errors.count} of ${w.requests} requests failed, p99 ${w.latencyMs.p99.toFixed(1)}ms${watch.command ? `; command ${exitText(watch.command)}` : ''}${watch.rollback ? '; rolled back' : ''}`;
  const problems = watchProblems(watch);
  const outcome: StageOutcome = {
    verdict: problems.length === 0 && gatesVerdict(watch.gates) === 'pass' ? 'pass' : 'fail',
    summary,
    gates: watch.gates,
    watch,
  };
  if (watch.unreachable) {
    outcome.verdict = 'error';
    outcome.error = watch.unreachable;
    outcome.exitCode = ExitCode.Unreachable;
  }
  return outcome;
}
