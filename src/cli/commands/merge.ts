import { writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { loadConfig } from '../../config/load-config.ts';
import { resolveConfig } from '../../config/resolve-config.ts';
import { ExitCode } from '../../errors/exit-codes.ts';
import { TollgateError } from '../../errors/tollgate-error.ts';
import { gatesVerdict } from '../../gates/evaluate-gates.ts';
import { formatLoadSummary } from '../../load/format-summary.ts';
import { mergeShards } from '../../merge/merge-shards.ts';
import { assertWholeRun, readShardRun } from '../../merge/read-shard-runs.ts';
import { recordCommandRun } from '../../run/record-command-run.ts';
import { assertRunDirUsable, createRunDir } from '../../run/run-dir.ts';
import { loadOutcome } from '../../run/stages/load-stage.ts';
import { type Command, targetOptions } from '../command.ts';

/** `tollgate merge <run dirs…>`: the shards of `tollgate load --shard i/n`, judged as one run. */
export const mergeCommand: Command = {
  name: 'merge',
  summary: 'merge the run folders of tollgate load --shard i/n into one run judged as a whole',
  usage: 'tollgate merge <run dir…> [--run-dir <dir>]',
  examples: ['tollgate merge reports/shard-1 reports/shard-2 reports/shard-3 reports/shard-4'],
  // where the merged run goes: the config's reportsDir, or --run-dir
  options: { config: targetOptions.config, 'run-dir': targetOptions['run-dir'] },
  async run(ctx) {
    if (ctx.positionals.length === 0)
      throw new TollgateError(
        'TG_USAGE',
        'merge needs the run folders of every shard: tollgate merge <dir of shard 1> … <dir of shard n>',
      );
    const config =
      (await loadConfig(ctx.cwd, ctx.values.config as string | undefined)) ?? resolveConfig({}, ctx.cwd);
    const runDir = ctx.values['run-dir'] as string | undefined;
    assertRunDirUsable(config.reportsDir, runDir);
    const runs = assertWholeRun(ctx.positionals.map((p) => readShardRun(resolve(ctx.cwd, p), p)));
    const startedAt = new Date();
    const { report, notices } = mergeShards(runs);
    for (const notice of notices) ctx.err(`note: ${notice}`);
    const baseURL = runs[0].report.baseURL ?? `${runs.length} shards`;
    const run = createRunDir(config.reportsDir, report.env, runDir);
    const file = join(run.dir, 'load.json');
    const verdict = gatesVerdict(report.gates);
    const mergedFrom = runs.map((r) => r.shown);
    writeFileSync(file, `${JSON.stringify({ ...report, verdict, baseURL, mergedFrom }, null, 2)}\n`);
    recordCommandRun(
      { envName: report.env, baseURL, config },
      { name: `load:${report.profile}`, kind: 'load' },
      loadOutcome(report),
      { id: run.id, dir: run.dir, startedAt, moveLatest: !runDir, aborted: report.aborted },
    );
    if (ctx.json) ctx.out(JSON.stringify({ ...report, verdict, file }, null, 2));
    else {
      ctx.out(`merged ${runs.length} shards: ${report.totals.requests} measured requests`);
      for (const line of formatLoadSummary(report)) ctx.out(line);
      ctx.out(`wrote ${relative(ctx.cwd, file)} and ${relative(ctx.cwd, join(run.dir, 'index.html'))}`);
    }
    return verdict === 'pass' && !report.aborted ? ExitCode.Pass : ExitCode.Failed;
  },
};
