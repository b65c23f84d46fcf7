import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareOutcome } from '../../compare/compare-outcome.ts';
import { compareSettings } from '../../compare/compare-settings.ts';
import { compareTargets, environmentSides } from '../../compare/compare-targets.ts';
import { afterCompareTraffic, comparePromqlFor } from '../../prometheus/compare-promql-gates.ts';
import type { StageRunner } from './types.ts';

/**
 * `compare`: the environment's baseline against its candidate, as
 * `tollgate compare --env` does, with `environments.<env>.compare`'s
 * settings. Roll back fails the stage, and so does too little data (it never
 * promotes), and so does a candidate failing one of `compare.gates`
 * (PromQL, judged on each side). `compare.json` (and each side's contract
 * run) go to the run folder.
 */
export const compareStage: StageRunner = async (ctx) => {
  const { env, envName } = ctx.target;
  const sides = environmentSides(ctx.target);
  const promql = await comparePromqlFor(
    env.prometheus,
    envName,
    { config: env.compare?.gates },
    { baseline: sides.baseline.baseURL, candidate: sides.candidate.baseURL },
  );
  const log = (line: string) => ctx.log(`  ${line}`);
  const { result, contract } = await compareTargets(ctx.target, {
    sides,
    settings: compareSettings(env.compare),
    cwd: ctx.root,
    signal: ctx.signal,
    log,
    afterTraffic: afterCompareTraffic(promql, env.prometheus, log, ctx.signal),
  });
  writeFileSync(join(ctx.runDir, 'compare.json'), `${JSON.stringify(result, null, 2)}\n`);
  for (const [name, run] of Object.entries(contract ?? {}))
    writeFileSync(join(ctx.runDir, `contract-${name}.json`), `${JSON.stringify(run, null, 2)}\n`);
  return compareOutcome(result);
};
