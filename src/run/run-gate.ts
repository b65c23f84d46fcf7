import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { UserStage } from '../config/types.ts';
import type { ExitCodeValue } from '../errors/exit-codes.ts';
import type { ReportOutcome } from '../report/write-reports.ts';
import type { Target } from '../target/open-target.ts';
import { buildRunModel } from './build-model.ts';
import { gitInfo } from './git-info.ts';
import type { RunModel } from './model.ts';
import { recordRun } from './record-run.ts';
import { assertRunDirUsable, createRunDir } from './run-dir.ts';
import { gateExitCode, runStages } from './run-stages.ts';
import { stageRunners } from './stages/index.ts';
import type { StageKind, StageRunner } from './stages/types.ts';

export const toolVersion: string = JSON.parse(
  readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
).version;

export interface GateOptions {
  /** Stages to run instead of the environment's. */
  stages?: UserStage[];
  failFast?: boolean;
  allowUnreliable?: boolean;
  /** `--run-dir`: write here instead of a new `reports/<id>/`. */
  runDir?: string;
  signal: AbortSignal;
  log: (line: string) => void;
  /** Injected stage implementations (tests); default: the real engines. */
  runners?: Record<StageKind, StageRunner>;
  env?: NodeJS.ProcessEnv;
}

export interface GateRun {
  model: RunModel;
  dir: string;
  reportsDir: string;
  exitCode: ExitCodeValue;
  reports: ReportOutcome[];
}

/**
 * `tollgate gate`: every stage of the environment against one open target,
 * then run.json, every report, history and the `latest` pointer. The caller
 * owns the target (opens it before, closes it after, also on failure).
 */
export async function runGate(target: Target, options: GateOptions): Promise<GateRun> {
  const root = target.config.root;
  const reportsDir = isAbsolute(target.config.reportsDir)
    ? target.config.reportsDir
    : resolve(root, target.config.reportsDir);
  assertRunDirUsable(reportsDir, options.runDir);
  const { id, dir } = createRunDir(reportsDir, target.envName, options.runDir);
  const startedAt = new Date();
  const t0 = performance.now();

  // a webServer that dies mid-run stops the stages, like Ctrl-C does
  const controller = new AbortController();
  const stopOn = () => controller.abort(options.signal.reason);
  options.signal.addEventListener('abort', stopOn, { once: true });
  if (options.signal.aborted) stopOn();
  void target.serverDied?.then((reason) => controller.abort(new Error(`the API server died: ${reason}`)));

  const run = await runStages(
    options.stages ?? target.env.stages,
    { target, runDir: dir, root, signal: controller.signal, log: options.log },
    options.runners ?? stageRunners,
    { failFast: options.failFast },
  );
  options.signal.removeEventListener('abort', stopOn);

  const model = buildRunModel({
    id,
    env: target.envName,
    baseURL: target.baseURL,
    startedAt,
    durationMs: performance.now() - t0,
    toolVersion,
    git: gitInfo(root, options.env),
    spec: target.spec,
    root,
    run,
    allowUnreliable: options.allowUnreliable,
  });
  const reports = recordRun(model, { dir, reportsDir, moveLatest: !options.runDir }, options.env);
  const exitCode = gateExitCode(run, model.gates, { allowUnreliable: options.allowUnreliable });
  return { model, dir, reportsDir, exitCode, reports };
}
