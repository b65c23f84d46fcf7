import type { UserStage } from '../config/types.ts';
import { ExitCode, type ExitCodeValue } from '../errors/exit-codes.ts';
import { isTollgateError } from '../errors/tollgate-error.ts';
import type { GateResult, StageResult } from './model.ts';
import {
  type StageContext,
  type StageKind,
  type StageOutcome,
  type StageRunner,
  stageKind,
  stageName,
} from './stages/types.ts';

export interface StagesRun {
  stages: StageResult[];
  /** Outcomes in stage order (skipped stages have none). */
  outcomes: StageOutcome[];
  /** The worst exit code a stage error asked for (2 usage, 3 unreachable), if any. */
  errorExit?: ExitCodeValue;
  aborted?: { reason: string };
}

export interface RunStagesOptions {
  /** Stop after the first stage that does not pass; the rest are 'skipped'. */
  failFast?: boolean;
  now?: () => number;
}

/**
 * Runs the environment's stages in order. A stage that fails or errors does
 * not stop the next one unless `failFast`; a stage's throw becomes an 'error'
 * stage with the one-line message (user mistakes) or the stack (our bugs).
 */
export async function runStages(
  stages: UserStage[],
  ctx: StageContext,
  runners: Record<StageKind, StageRunner>,
  options: RunStagesOptions = {},
): Promise<StagesRun> {
  const now = options.now ?? Date.now;
  const run: StagesRun = { stages: [], outcomes: [] };
  let stop: string | undefined;
  for (const stage of stages) {
    const name = stageName(stage);
    const kind = stageKind(stage);
    if (ctx.signal.aborted) stop ??= `interrupted: ${reasonOf(ctx.signal)}`;
    if (stop) {
      run.stages.push({ name, kind, verdict: 'skipped', durationMs: 0, summary: stop });
      continue;
    }
    ctx.log(`▶ ${name}`);
    const started = now();
    let outcome: StageOutcome;
    try {
      outcome = await runners[kind](ctx, stage);
    } catch (error) {
      outcome = errorOutcome(error);
      const exit = isTollgateError(error) ? error.exitCode : ExitCode.Internal;
      run.errorExit = worse(run.errorExit, exit);
    }
    run.outcomes.push(outcome);
    if (outcome.exitCode !== undefined) run.errorExit = worse(run.errorExit, outcome.exitCode);
    const result: StageResult = {
      name,
      kind,
      verdict: outcome.verdict,
      durationMs: now() - started,
      summary: outcome.summary,
    };
    if (outcome.error) result.error = outcome.error;
    run.stages.push(result);
    ctx.log(
      `${outcome.verdict === 'pass' ? '✓' : '✗'} ${name}: ${outcome.summary}${outcome.error ? ` (${outcome.error})` : ''}`,
    );
    if (ctx.signal.aborted) {
      run.aborted = { reason: reasonOf(ctx.signal) };
      stop = `not run: ${run.aborted.reason}`;
    } else if (outcome.aborted) {
      run.aborted = outcome.aborted;
      stop = `not run: ${outcome.aborted.reason}`;
    } else if (options.failFast && outcome.verdict !== 'pass') {
      stop = `not run: --fail-fast after ${name}`;
    }
  }
  if (ctx.signal.aborted) run.aborted ??= { reason: reasonOf(ctx.signal) };
  return run;
}

function errorOutcome(error: unknown): StageOutcome {
  if (isTollgateError(error))
    return { verdict: 'error', summary: 'stage could not run', error: error.format() };
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return { verdict: 'error', summary: 'stage crashed (a tollgate bug)', error: message };
}

/** Unreachable (3) outranks config (2) outranks bugs (70): the user can act on the first two. */
function worse(a: ExitCodeValue | undefined, b: ExitCodeValue): ExitCodeValue {
  const rank = (code: ExitCodeValue | undefined) =>
    code === ExitCode.Unreachable ? 3 : code === ExitCode.Usage ? 2 : code === undefined ? 0 : 1;
  return rank(b) > rank(a) ? b : (a ?? b);
}

function reasonOf(signal: AbortSignal): string {
  const reason = signal.reason as unknown;
  return reason instanceof Error ? reason.message : String(reason ?? 'interrupted');
}

/**
 * The exit code of a gate run: interrupted 130; a stage that could not run
 * gives its own code (3 unreachable, 2 config); any failed stage or gate 1;
 * unreliable gates fail too unless allowed (a pass nobody can trust is not a pass).
 */
export function gateExitCode(
  run: StagesRun,
  gates: GateResult[],
  options: { allowUnreliable?: boolean } = {},
): ExitCodeValue {
  if (run.aborted)
    return run.errorExit === ExitCode.Unreachable ? ExitCode.Unreachable : ExitCode.Interrupted;
  if (run.errorExit !== undefined && run.errorExit !== ExitCode.Failed) return run.errorExit;
  const failed =
    run.stages.some((s) => s.verdict === 'fail' || s.verdict === 'error') ||
    gates.some((g) => g.verdict === 'fail' || (g.verdict === 'unreliable' && !options.allowUnreliable));
  return failed ? ExitCode.Failed : ExitCode.Pass;
}
