import { compareStage } from './compare-stage.ts';
import { contractStage } from './contract-stage.ts';
import { diffStage } from './diff-stage.ts';
import { generateCheckStage } from './generate-check-stage.ts';
import { loadStage } from './load-stage.ts';
import { suitesStage } from './suites-stage.ts';
import type { StageKind, StageRunner } from './types.ts';

/** Every stage kind `tollgate gate` can run, by the name used in `environments.<env>.stages`. */
export const stageRunners: Record<StageKind, StageRunner> = {
  'generate-check': generateCheckStage,
  contract: contractStage,
  suites: suitesStage,
  load: loadStage,
  diff: diffStage,
  compare: compareStage,
};
