import { writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { loadConfig } from '../../config/load-config.ts';
import { ExitCode } from '../../errors/exit-codes.ts';
import { TollgateError } from '../../errors/tollgate-error.ts';
import { gatesVerdict } from '../../gates/evaluate-gates.ts';
import { judgeK6Run } from '../../import-k6/judge-k6-run.ts';
import { assertOneRun, type K6File, K6Samples, readK6Json } from '../../import-k6/read-k6-json.ts';
import { formatLoadSummary } from '../../load/format-summary.ts';
import { loadProfile } from '../../load/profile/load-profile.ts';
import { recordCommandRun } from '../../run/record-command-run.ts';
import { assertRunDirUsable, createRunDir } from '../../run/run-dir.ts';
import { loadOutcome } from '../../run/stages/load-stage.ts';
import { loadSpec } from '../../spec/load-spec.ts';
import type { Command } from '../command.ts';

/** `tollgate import k6 <files…> --profile <p> --env <e>`: k6's JSON output of many pods, judged as one run. */
export const importCommand: Command = {
  name: 'import',
  summary:
    "merge k6 JSON output (--out json) of any number of pods into one run and judge the profile's gates",
  usage: 'tollgate import k6 <file.json…> --profile <name> --env <name> [--run-dir <dir>]',
  examples: ['tollgate import k6 pod-1.json pod-2.json pod-3.json --profile baseline --env staging'],
  options: {
    profile: {
      type: 'string',
      short: 'p',
      description: 'the profile the k6 script was exported from',
      valueName: 'name',
    },
    env: {
      type: 'string',
      short: 'e',
      description: 'the environment whose gates judge the run',
      valueName: 'name',
    },
    config: {
      type: 'string',
      short: 'c',
      description: 'config file (default: ./tollgate.config.ts)',
      valueName: 'file',
    },
    'run-dir': {
      type: 'string',
      description: 'write into this run folder instead of a new one',
      valueName: 'dir',
    },
  },
  async run(ctx) {
    const [format, ...files] = ctx.positionals;
    if (format !== 'k6' || files.length === 0)
      throw new TollgateError(
        'TG_USAGE',
        `import reads k6 JSON output: tollgate import k6 <file.json…> --profile <name> --env <name>, got "${ctx.positionals.join(' ')}"`,
      );
    const profileName = ctx.values.profile as string | undefined;
    const envName = ctx.values.env as string | undefined;
    if (!profileName || !envName)
      throw new TollgateError(
        'TG_USAGE',
        'import k6 needs --profile <name> and --env <name>: which gates judge these samples?',
      );
    const config = await loadConfig(ctx.cwd, ctx.values.config as string | undefined);
    if (!config) throw new TollgateError('TG_CONFIG_NOT_FOUND', `no tollgate.config.ts in ${ctx.cwd}`);
    const env = config.environments[envName];
    if (!env)
      throw new TollgateError(
        'TG_ENV_UNKNOWN',
        `no environment "${envName}" in ${config.configFile ?? 'the config'} (known: ${Object.keys(config.environments).join(', ') || 'none'})`,
      );
    const runDir = ctx.values['run-dir'] as string | undefined;
    assertRunDirUsable(config.reportsDir, runDir);
    const specName = env.spec ?? Object.keys(config.specs)[0];
    const spec = await loadSpec(config.specs[specName] ?? specName, {
      cwd: ctx.cwd,
      allowRemoteRefs: config.allowRemoteRefs,
    });
    const profile = await loadProfile(profileName, { loadDir: config.loadDir, cwd: ctx.cwd, spec });
    const samples = new K6Samples();
    const read: K6File[] = [];
    for (const f of files) read.push(await readK6Json(resolve(ctx.cwd, f), f, samples));
    assertOneRun(read, profile.name, envName);
    const startedAt = new Date();
    const { report, notices } = judgeK6Run({ files: read, samples, profile, env: envName, spec });
    for (const notice of notices) ctx.err(`note: ${notice}`);
    const run = createRunDir(config.reportsDir, envName, runDir);
    const file = join(run.dir, 'load.json');
    const verdict = gatesVerdict(report.gates);
    const baseURL = typeof env.baseURL === 'string' ? env.baseURL : `k6 (${read.length} files)`;
    writeFileSync(file, `${JSON.stringify({ ...report, verdict, baseURL, importedFrom: files }, null, 2)}\n`);
    recordCommandRun(
      { envName, baseURL, config, spec },
      { name: `load:${report.profile}`, kind: 'load' },
      loadOutcome(report),
      { id: run.id, dir: run.dir, startedAt, moveLatest: !runDir },
    );
    if (ctx.json) ctx.out(JSON.stringify({ ...report, verdict, file }, null, 2));
    else {
      ctx.out(`merged ${report.totals.requests} measured requests from ${read.length} k6 file(s)`);
      for (const line of formatLoadSummary(report)) ctx.out(line);
      ctx.out(`wrote ${relative(ctx.cwd, file)} and ${relative(ctx.cwd, join(run.dir, 'index.html'))}`);
    }
    return verdict === 'pass' ? ExitCode.Pass : ExitCode.Failed;
  },
};
