import { dirname } from 'node:path';
import type { ReportOutcome } from '../report/write-reports.ts';
import { writeReports } from '../report/write-reports.ts';
import { appendHistory, previousRun, summariseRun } from './history.ts';
import { updateLatest } from './latest.ts';
import type { RunModel, StageResult } from './model.ts';
import { writeRun } from './run-file.ts';
import type { StagesRun } from './run-stages.ts';
import type { StageOutcome } from './stages/types.ts';
import { compareRuns } from './trends.ts';

/**
 * The end of every run that has a model: trends against the previous run of
 * the environment, then run.json, every report, the history line and (for a
 * fresh folder) `latest`. A run in a folder of its own (`--run-dir`, so
 * `moveLatest` is false) keeps its history beside that folder, never in the
 * reports folder: a test or one-off run must not become the previous run the
 * next `npm run demo` compares against. `tollgate gate` calls it; `tollgate contract` and
 * `tollgate load` can too (see `singleStageRun`), so `tollgate report latest`
 * and the HTML report work after any command.
 */
export function recordRun(
  model: RunModel,
  where: { dir: string; reportsDir: string; moveLatest: boolean },
  env: NodeJS.ProcessEnv = process.env,
): ReportOutcome[] {
  const historyRoot = where.moveLatest ? where.reportsDir : dirname(where.dir);
  const previous = previousRun(historyRoot, model.env, model.id);
  if (previous) model.trends = compareRuns(summariseRun(model), previous);
  writeRun(where.dir, model);
  const reports = writeReports(where.dir, model, undefined, env);
  appendHistory(historyRoot, model);
  if (where.moveLatest) updateLatest(where.reportsDir, model.id);
  return reports;
}

/** A one-stage StagesRun (for `buildRunModel`) from a command that ran one engine. */
export function singleStageRun(
  stage: Pick<StageResult, 'name' | 'kind' | 'durationMs'>,
  outcome: StageOutcome,
  aborted?: { reason: string },
): StagesRun {
  const result: StageResult = { ...stage, verdict: outcome.verdict, summary: outcome.summary };
  if (outcome.error) result.error = outcome.error;
  return { stages: [result], outcomes: [outcome], aborted };
}
