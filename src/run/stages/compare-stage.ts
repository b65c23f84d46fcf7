import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareOutcome } from '../../compare/compare-outcome.ts';
import { compareSettings } from '../../compare/compare-settings.ts';
import { compareTargets } from '../../compare/compare-targets.ts';
import type { StageRunner } from './types.ts';

/**
 * `compare`: the environment's baseline against its candidate, as
 * `tollgate compare --env` does, with `environments.<env>.compare`'s
 * settings. Roll back fails the stage, and so does too little data (it never
 * promotes). `compare.json` (and each side's contract run) go to the run folder.
 */
export const compareStage: StageRunner = async (ctx) => {
  const { result, contract } = await compareTargets(ctx.target, {
    settings: compareSettings(ctx.target.env.compare),
    cwd: ctx.root,
    signal: ctx.signal,
    log: (line) => ctx.log(`  ${line}`),
  });
  writeFileSync(join(ctx.runDir, 'compare.json'), `${JSON.stringify(result, null, 2)}\n`);
  for (const [name, run] of Object.entries(contract ?? {}))
    writeFileSync(join(ctx.runDir, `contract-${name}.json`), `${JSON.stringify(run, null, 2)}\n`);
  return compareOutcome(result);
};
