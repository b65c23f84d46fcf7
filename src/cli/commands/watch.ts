import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { assertRunnable, type CommandLine, outputScrubber } from '../../command/run-command.ts';
import { ExitCode } from '../../errors/exit-codes.ts';
import { TollgateError } from '../../errors/tollgate-error.ts';
import { parseGateFlags } from '../../gates/parse-gate-flags.ts';
import { parseGateSet } from '../../gates/parse-gates.ts';
import type { GateSet } from '../../gates/types.ts';
import { loadLimits } from '../../load/profile/limits.ts';
import { loadProfile } from '../../load/profile/load-profile.ts';
import { parseDuration } from '../../load/profile/stages.ts';
import { applyLoadLimits } from '../../load/safety/safety.ts';
import type { LoadedProfile } from '../../load/types.ts';
import { preparePromqlGates } from '../../prometheus/prepare-promql-gates.ts';
import { watchLines } from '../../report/watch-text.ts';
import { recordCommandRun } from '../../run/record-command-run.ts';
import { assertRunDirUsable, createRunDir } from '../../run/run-dir.ts';
import { openTarget } from '../../target/open-target.ts';
import { adhocProfile } from '../../traffic/adhoc-profile.ts';
import { runWatch } from '../../watch/run-watch.ts';
import { watchOutcome, watchProblems } from '../../watch/watch-outcome.ts';
import { type Command, type CommandContext, targetOptions } from '../command.ts';
import { exportRunMetrics, pushOption, pushTarget, pushWithAuth } from '../run-metrics.ts';

/** `tollgate watch <profile> --env <name> -- <command>`: load held through a deploy command, the switch judged. */
export const watchCommand: Command = {
  name: 'watch',
  summary: 'hold open-model load through a deploy command (-- <command>) and judge the switch window',
  usage:
    'tollgate watch [<profile>] [--env <name> | --spec <file> --base-url <url>] [--rate <rps>] [--settle 5s] [--on-fail <command>] -- <command...>',
  examples: [
    "tollgate watch smoke --env staging --gate 'errors.count==0' --on-fail ./rollback.sh -- ./switch-to-green.sh",
    "tollgate watch --spec specs/albums.openapi.yaml --base-url http://127.0.0.1:8080 --rate 100 -- sh -c 'nginx -s reload'",
  ],
  options: {
    ...targetOptions,
    ...pushOption,
    rate: {
      type: 'string',
      description: "arrival rate in rps (default: the profile's peak rate)",
      valueName: 'rps',
    },
    connections: { type: 'string', description: 'most connections the generator may open', valueName: 'n' },
    before: {
      type: 'string',
      description: 'load before the command starts, the baseline (default 2s)',
      valueName: 'duration',
    },
    settle: {
      type: 'string',
      description: 'load kept after the command (and the rollback) exit (default 5s)',
      valueName: 'duration',
    },
    timeout: {
      type: 'string',
      description: 'stop the command (and the rollback) after this long (default 5m)',
      valueName: 'duration',
    },
    gate: {
      type: 'string',
      multiple: true,
      description:
        "a gate on the switch window, repeatable: 'errors.count==0', 'latency.p99<500ms' (default: the profile's gates for the environment, else errors.count==0)",
      valueName: 'gate',
    },
    'on-fail': {
      type: 'string',
      description: 'rollback command (a shell line), run while the load goes on when the switch fails',
      valueName: 'command',
    },
    'abort-on-fail': {
      type: 'boolean',
      description:
        "roll back as soon as a gate breaches, not only at the end (also the profile's abortOnFail)",
    },
  },
  async run(ctx) {
    const words = ctx.afterDashes ?? [];
    if (words.length === 0) {
      throw new TollgateError(
        'TG_USAGE',
        'watch needs the deploy command after --: tollgate watch <profile> --env <name> -- ./switch.sh',
      );
    }
    const command: CommandLine =
      words.length === 1 && /\s/.test(words[0]) ? { shell: words[0] } : { argv: words };
    const onFailText = ctx.values['on-fail'] as string | undefined;
    const onFail: CommandLine | undefined = onFailText === undefined ? undefined : { shell: onFailText };
    assertRunnable(command, ctx.cwd, 'the command after --');
    if (onFail) assertRunnable(onFail, ctx.cwd, '--on-fail');
    const own = ctx.positionals.slice(0, ctx.positionals.length - words.length);
    const beforeMs = duration(ctx, 'before', 2000);
    const settleMs = duration(ctx, 'settle', 5000);
    const timeoutMs = duration(ctx, 'timeout', 300_000);
    const requestedRate = number(ctx, 'rate');
    const pushUrl = pushTarget(ctx);
    const target = await openTarget(ctx);
    try {
      const push = pushWithAuth(pushUrl, target.env);
      assertRunDirUsable(target.config.reportsDir, ctx.values['run-dir'] as string | undefined);
      let profile: LoadedProfile;
      if (own[0]) {
        profile = await loadProfile(own[0], {
          loadDir: target.config.loadDir,
          cwd: ctx.cwd,
          spec: target.spec,
        });
      } else if (requestedRate !== undefined) profile = adhocProfile(target.spec, requestedRate, 'watch');
      else {
        throw new TollgateError(
          'TG_USAGE',
          'watch needs a load profile or a rate: tollgate watch <profile> ... or --rate <rps>',
        );
      }
      const connections = number(ctx, 'connections');
      if (connections !== undefined)
        profile = { ...profile, options: { ...profile.options, connections: Math.ceil(connections) } };
      const rate = requestedRate ?? peakRate(profile);
      const { overrides, notes } = applyLoadLimits(target.env, profile, { rate }, target.baseURL);
      for (const note of notes.filter((n) => n.startsWith('rate'))) ctx.err(`note: ${note}`);
      const gatesEnv =
        target.envName === 'adhoc' && !profile.options.gates?.adhoc && profile.options.gates?.local
          ? 'local'
          : target.envName;
      const { gates, where } = pickGates(ctx, profile, gatesEnv);
      const parsed = parseGateSet(gates, where);
      const promql = await preparePromqlGates(target.env.prometheus, parsed, { env: target.envName, where });
      const abortOnFail = profile.options.abortOnFail;
      const abortAfterMs =
        ctx.values['abort-on-fail'] || abortOnFail
          ? (typeof abortOnFail === 'object' ? (abortOnFail.afterSec ?? 0) : 0) * 1000
          : undefined;
      const scrub = outputScrubber(target.secrets);
      const startedAt = new Date();
      const watch = await runWatch({
        profile,
        baseURL: target.baseURL,
        headers: target.headers,
        spec: target.spec,
        rate: overrides.rate ?? rate,
        command,
        onFail,
        beforeMs,
        settleMs,
        timeoutMs,
        gates: parsed.filter((g) => g.metric.family !== 'promql'),
        abortAfterMs,
        cwd: ctx.cwd,
        scrub,
        signal: ctx.signal,
        onEvent: (line) => {
          if (!ctx.json) ctx.err(line);
        },
      });
      // PromQL gates judge the switch window, read from Prometheus one scrape after the load.
      if (promql.gates.length > 0 && watch.command && !ctx.signal.aborted) {
        if (!ctx.json)
          ctx.err(
            `note: waiting ${target.env.prometheus?.scrapeIntervalSec}s (one scrape) before querying Prometheus`,
          );
        const start = Date.parse(watch.startedAt);
        const window = { startMs: start + watch.window.startMs, endMs: start + watch.window.endMs };
        watch.gates.push(...(await promql.measure(`watch:${watch.profile}`, window, ctx.signal)));
      }
      const run = createRunDir(
        target.config.reportsDir,
        target.envName,
        ctx.values['run-dir'] as string | undefined,
      );
      const file = join(run.dir, 'watch.json');
      const outcome = watchOutcome(watch);
      writeFileSync(file, `${JSON.stringify({ ...watch, verdict: outcome.verdict }, null, 2)}\n`);
      const model = recordCommandRun(target, { name: `watch:${watch.profile}`, kind: 'watch' }, outcome, {
        id: run.id,
        dir: run.dir,
        startedAt,
        moveLatest: !ctx.values['run-dir'],
        aborted: watch.aborted,
      });
      const problems = watchProblems(watch);
      if (ctx.json) ctx.out(JSON.stringify({ ...watch, verdict: outcome.verdict, problems, file }, null, 2));
      else {
        for (const line of watchLines(watch)) ctx.out(line);
        for (const g of watch.gates)
          ctx.out(
            `  gate ${g.verdict.toUpperCase()}  ${g.name} ${g.threshold}  measured ${g.measuredText}${g.note ? `  (${g.note})` : ''}`,
          );
        ctx.out(outcome.verdict === 'pass' ? 'PASS: the switch held' : `FAIL: ${problems.join('; ')}`);
        ctx.out(`wrote ${relative(ctx.cwd, file)} and ${relative(ctx.cwd, join(run.dir, 'index.html'))}`);
      }
      await exportRunMetrics(ctx, model, run.dir, 'watch', push);
      if (watch.aborted) return ExitCode.Interrupted;
      if (watch.unreachable) return ExitCode.Unreachable;
      return outcome.verdict === 'pass' ? ExitCode.Pass : ExitCode.Failed;
    } finally {
      await target.close();
    }
  },
};

/** --gate flags, else the profile's gates for the environment, else `errors.count == 0`. */
function pickGates(
  ctx: CommandContext,
  profile: LoadedProfile,
  env: string,
): { gates: GateSet; where: string } {
  const flags = (ctx.values.gate as string[] | undefined) ?? [];
  if (flags.length > 0) {
    const gates = parseGateFlags(flags);
    return { gates, where: '--gate' };
  }
  const own = profile.options.gates?.[env];
  if (own && Object.keys(own).length > 0) return { gates: own, where: `${profile.source}: gates.${env}` };
  return { gates: { 'errors.count': '==0' }, where: 'default gates' };
}

function peakRate(profile: LoadedProfile): number {
  const p = profile.options;
  const rate = Math.max(p.rate ?? 0, ...(p.stages ?? []).map((s) => s.rate ?? 0));
  if (rate > 0) return rate;
  throw new TollgateError(
    'TG_USAGE',
    `${profile.source} gives no arrival rate (a closed-model profile): pass --rate <rps> for watch's open model`,
  );
}

function duration(ctx: CommandContext, flag: string, fallback: number): number {
  const raw = ctx.values[flag];
  if (raw === undefined) return fallback;
  const ms = parseDuration(String(raw));
  if (!(ms >= 0) || ms > 3_600_000)
    throw new TollgateError(
      'TG_USAGE',
      `--${flag} must look like 5s, 2m or 500ms (at most 1h), got "${raw}"`,
    );
  return ms;
}

function number(ctx: CommandContext, flag: string): number | undefined {
  const raw = ctx.values[flag];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!(value > 0) || value > loadLimits.maxRate)
    throw new TollgateError(
      'TG_USAGE',
      `--${flag} must be a number between 0 and ${loadLimits.maxRate}, got "${raw}"`,
    );
  return value;
}
