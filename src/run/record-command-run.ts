import type { Target } from '../target/open-target.ts';
import { buildRunModel } from './build-model.ts';
import { gitInfo } from './git-info.ts';
import type { RunModel, StageResult } from './model.ts';
import { recordRun, singleStageRun } from './record-run.ts';
import { toolVersion } from './run-gate.ts';
import type { StageOutcome } from './stages/types.ts';

/**
 * What `tollgate contract` and `tollgate load` do after their one engine ran:
 * the same run.json, HTML, JUnit, Markdown and history as `tollgate gate`, so
 * `tollgate report latest` works after any command.
 */
export function recordCommandRun(
  target: Pick<Target, 'envName' | 'baseURL' | 'config'> & { spec?: Target['spec'] },
  stage: Pick<StageResult, 'name' | 'kind'>,
  outcome: StageOutcome,
  where: { id: string; dir: string; startedAt: Date; moveLatest: boolean; aborted?: { reason: string } },
): RunModel {
  const durationMs = Date.now() - where.startedAt.getTime();
  const model = buildRunModel({
    id: where.id,
    env: target.envName,
    baseURL: target.baseURL,
    startedAt: where.startedAt,
    durationMs,
    toolVersion,
    git: gitInfo(target.config.root),
    spec: target.spec,
    root: target.config.root,
    run: singleStageRun({ ...stage, durationMs }, outcome, where.aborted),
  });
  recordRun(model, { dir: where.dir, reportsDir: target.config.reportsDir, moveLatest: where.moveLatest });
  return model;
}
