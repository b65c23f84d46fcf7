import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ExitCode } from '../../errors/exit-codes.ts';
import { TollgateError } from '../../errors/tollgate-error.ts';
import { gatesVerdict } from '../../gates/evaluate-gates.ts';
import { parseGateFlags } from '../../gates/parse-gate-flags.ts';
import { formatLoadSummary, formatProgress } from '../../load/format-summary.ts';
import { loadLimits } from '../../load/profile/limits.ts';
import { loadProfile } from '../../load/profile/load-profile.ts';
import type { Overrides } from '../../load/profile/stages.ts';
import { parseDuration } from '../../load/profile/stages.ts';
import { runLoad, targetStopped } from '../../load/run-load.ts';
import { applyLoadLimits } from '../../load/safety/safety.ts';
import { parseShard } from '../../load/shard/shard.ts';
import type { LoadedProfile } from '../../load/types.ts';
import { preparePromqlGates, runWindow } from '../../prometheus/prepare-promql-gates.ts';
import { recordCommandRun } from '../../run/record-command-run.ts';
import { assertRunDirUsable, createRunDir } from '../../run/run-dir.ts';
import { loadOutcome } from '../../run/stages/load-stage.ts';
import type { LoadedSpec } from '../../spec/types.ts';
import { openTarget } from '../../target/open-target.ts';
import { adhocProfile } from '../../traffic/adhoc-profile.ts';
import {
  type Command,
  type CommandContext,
  envelopeFrom,
  envelopeOption,
  targetOptions,
} from '../command.ts';
import { exportRunMetrics, pushOption, pushTarget, pushWithAuth } from '../run-metrics.ts';

/** `tollgate load <profile> --env <name>`: runs a load profile and judges its gates. */
export const loadCommand: Command = {
  name: 'load',
  summary: 'run a load profile (load/<name>.ts) and judge its gates for the environment',
  usage:
    'tollgate load <profile> [--env <name> | --spec <file> --base-url <url>] [options]\n       tollgate load --spec <file> --base-url <url> --rate <rps> [--duration 30s] [--gate <gate>...]',
  examples: [
    'tollgate load smoke --env local',
    'tollgate load baseline --env staging --duration 60',
    'tollgate load baseline --env staging --shard 2/4 --run-dir reports/shard-2',
    'tollgate load load/spike.ts --spec specs/albums.openapi.yaml --base-url http://127.0.0.1:8080 --rate 200',
    "tollgate load --spec specs/albums.openapi.yaml --base-url http://127.0.0.1:8080 --rate 50 --duration 30s --gate 'latency.p99<300ms'",
  ],
  options: {
    ...targetOptions,
    ...pushOption,
    ...envelopeOption,
    duration: {
      type: 'string',
      description: 'seconds of measured load (stages scale to fit)',
      valueName: 'sec',
    },
    rate: {
      type: 'string',
      description: 'open model: peak arrival rate in rps (stages scale)',
      valueName: 'rps',
    },
    connections: {
      type: 'string',
      description: 'closed model: peak connections; open model: connection cap',
      valueName: 'n',
    },
    shard: {
      type: 'string',
      description:
        'send only slice i of n of the run (open model: every n-th arrival; closed: its share of the connections); tollgate merge judges the n runs as one',
      valueName: 'i/n',
    },
    'start-at': {
      type: 'string',
      description:
        'wait until this time (ISO 8601, e.g. 2026-12-04T10:00:00Z, at most an hour ahead) before sending: shards started apart begin their schedules together',
      valueName: 'time',
    },
    gate: {
      type: 'string',
      multiple: true,
      description:
        "a gate, repeatable: 'latency.p99<300ms', 'errors.rate<1%' (replaces the profile's gates for the environment; without a profile the default is errors.rate<1%)",
      valueName: 'gate',
    },
  },
  async run(ctx) {
    const name = ctx.positionals[0];
    if (!name && ctx.values.rate === undefined)
      throw new TollgateError(
        'TG_USAGE',
        'load needs a profile or a rate: tollgate load <profile> (a name in load/ or a file), or tollgate load --spec <file> --base-url <url> --rate <rps>',
      );
    const requested: Overrides = {
      durationSec: duration(ctx),
      rate: number(ctx, 'rate'),
      connections: number(ctx, 'connections', true),
    };
    const shard = ctx.values.shard === undefined ? undefined : parseShard(String(ctx.values.shard));
    const startAt = startTime(ctx.values['start-at'] as string | undefined);
    const pushUrl = pushTarget(ctx);
    const target = await openTarget(ctx);
    try {
      const push = pushWithAuth(pushUrl, target.env);
      assertRunDirUsable(target.config.reportsDir, ctx.values['run-dir'] as string | undefined);
      const profile = withGateFlags(
        name
          ? await loadProfile(name, { loadDir: target.config.loadDir, cwd: ctx.cwd, spec: target.spec })
          : adhocLoadProfile(target.spec, requested, ctx),
        target.envName,
        (ctx.values.gate as string[] | undefined) ?? [],
      );
      const { overrides, notes } = applyLoadLimits(target.env, profile, requested, target.baseURL);
      // Ad hoc runs have no environment of their own: judge them by the profile's local gates.
      const gatesEnv =
        target.envName === 'adhoc' && !profile.options.gates?.adhoc && profile.options.gates?.local
          ? 'local'
          : target.envName;
      if (gatesEnv !== target.envName) notes.push('ad hoc run: judged by the profile\'s "local" gates');
      for (const note of notes) ctx.err(`note: ${note}`);
      const promql = await preparePromqlGates(target.env.prometheus, profile.options.gates?.[gatesEnv], {
        env: target.envName,
        where: `${profile.source}: gates.${gatesEnv}`,
      });
      if (startAt !== undefined) await waitUntil(startAt, ctx);
      if (ctx.signal.aborted) return ExitCode.Interrupted;
      const tty = Boolean(process.stderr.isTTY) && !ctx.json;
      let lastPlain = 0;
      const startedAt = new Date();
      const report = await runLoad({
        profile,
        env: gatesEnv,
        baseURL: target.baseURL,
        headers: target.headers,
        spec: target.spec,
        overrides,
        envelope: envelopeFrom(ctx, target.env.contract.envelope),
        secrets: target.secrets,
        shard,
        signal: ctx.signal,
        onSecond: (point, elapsed, total) => {
          if (tty)
            process.stderr.write(
              `\r${formatProgress(point, elapsed, total, true, profile.options.model)}\x1b[K`,
            );
          else if (!ctx.json && elapsed - lastPlain >= 5000) {
            lastPlain = elapsed;
            ctx.err(formatProgress(point, elapsed, total, false, profile.options.model));
          }
        },
      });
      if (tty) process.stderr.write('\n');
      if (promql.gates.length > 0 && !ctx.signal.aborted) {
        if (!ctx.json)
          ctx.err(
            `note: waiting ${target.env.prometheus?.scrapeIntervalSec}s (one scrape) before querying Prometheus`,
          );
        const window = runWindow(report.startedAt, report.durationMs);
        report.gates.push(...(await promql.measure(`load:${report.profile}`, window, ctx.signal)));
      }
      const run = createRunDir(
        target.config.reportsDir,
        target.envName,
        ctx.values['run-dir'] as string | undefined,
      );
      const file = join(run.dir, 'load.json');
      const verdict = report.aborted?.reason.startsWith(targetStopped) ? 'error' : gatesVerdict(report.gates);
      writeFileSync(file, `${JSON.stringify({ ...report, verdict, baseURL: target.baseURL }, null, 2)}\n`);
      const model = recordCommandRun(
        target,
        { name: `load:${report.profile}`, kind: 'load' },
        loadOutcome(report),
        {
          id: run.id,
          dir: run.dir,
          startedAt,
          // Shards run side by side: none of them is the latest run, their merge is.
          moveLatest: !ctx.values['run-dir'] && !shard,
          aborted: report.aborted,
        },
      );
      if (ctx.json) ctx.out(JSON.stringify({ ...report, verdict, file }, null, 2));
      else {
        for (const line of formatLoadSummary(report)) ctx.out(line);
        ctx.out(`wrote ${relative(ctx.cwd, file)} and ${relative(ctx.cwd, join(run.dir, 'index.html'))}`);
      }
      await exportRunMetrics(ctx, model, run.dir, 'load', push);
      if (ctx.signal.aborted) return ExitCode.Interrupted;
      const t = report.totals;
      if (t.requests === 0 && t.errors.connection > 0) return ExitCode.Unreachable;
      if (report.aborted?.reason.startsWith(targetStopped)) return ExitCode.Unreachable;
      if (shard) {
        if (!ctx.json)
          ctx.err(
            `note: shard ${shard.index}/${shard.of}: its gates judge this slice only; tollgate merge <the ${shard.of} run folders> judges the run`,
          );
        // What a shard left on the server fails the shard now (and the merged run, which sums the ledgers).
        return report.aborted || (report.cleanup?.leftover ?? 0) > 0 ? ExitCode.Failed : ExitCode.Pass;
      }
      return verdict === 'pass' && !report.aborted ? ExitCode.Pass : ExitCode.Failed;
    } finally {
      await target.close();
    }
  },
};

/** Most a `--start-at` may lie ahead: a bound on how long a run may sit waiting. */
const maxWaitMs = 3_600_000;

/** `--start-at 2026-12-04T10:00:00Z` -> epoch ms; unreadable, past by more than a minute or over an hour ahead: exit 2. */
function startTime(raw: string | undefined, now = Date.now()): number | undefined {
  if (raw === undefined) return undefined;
  const at = Date.parse(raw);
  if (Number.isNaN(at) || !/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(raw))
    throw new TollgateError(
      'TG_USAGE',
      `--start-at must be an ISO 8601 time such as 2026-12-04T10:00:00Z, got "${raw}"`,
    );
  if (at < now - 60_000 || at > now + maxWaitMs)
    throw new TollgateError(
      'TG_USAGE',
      `--start-at ${raw} is ${at < now ? 'in the past' : 'more than an hour ahead'}: give a time within the next hour (e.g. $(date -u -d '+1 min' +%FT%TZ))`,
    );
  return at;
}

/** Sleeps until `at` (epoch ms); Ctrl-C ends the wait. */
async function waitUntil(at: number, ctx: { err(line: string): void; json?: boolean; signal: AbortSignal }) {
  const ms = at - Date.now();
  if (ms <= 0) return;
  if (!ctx.json)
    ctx.err(`note: waiting ${(ms / 1000).toFixed(1)} s to start at ${new Date(at).toISOString()}`);
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    ctx.signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

/** `--duration 30`, `30s`, `2m` or `500ms` -> seconds. */
/**
 * No profile: the spec's read mix (src/traffic, as watch and compare send) at
 * --rate for --duration (30 s unless given), judged by --gate or errors.rate<1%.
 */
function adhocLoadProfile(spec: LoadedSpec, requested: Overrides, ctx: CommandContext): LoadedProfile {
  const profile = adhocProfile(spec, requested.rate ?? 0, 'load');
  if (requested.durationSec === undefined) ctx.err('note: no --duration: 30s of load');
  return {
    ...profile,
    options: {
      ...profile.options,
      duration: requested.durationSec ?? 30,
      gates: { [ctx.values.env ? String(ctx.values.env) : 'adhoc']: { 'errors.rate': '<1%' } },
    },
  };
}

/** --gate flags replace the profile's gates for the environment the run is judged in. */
function withGateFlags(profile: LoadedProfile, env: string, flags: string[]): LoadedProfile {
  if (flags.length === 0) return profile;
  const gates = parseGateFlags(flags);
  const own = profile.options.gates ?? {};
  const judged = env === 'adhoc' && !own.adhoc && own.local ? 'local' : env;
  return { ...profile, options: { ...profile.options, gates: { ...own, [judged]: gates } } };
}

function duration(ctx: CommandContext): number | undefined {
  const raw = ctx.values.duration;
  if (raw === undefined) return undefined;
  const ms = parseDuration(String(raw));
  if (!(ms > 0))
    throw new TollgateError('TG_USAGE', `--duration must look like 30s, 2m or 500ms, got "${raw}"`);
  return ms / 1000;
}

function number(ctx: CommandContext, flag: string, integer = false): number | undefined {
  const raw = ctx.values[flag];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!(value > 0) || (integer && !Number.isInteger(value))) {
    throw new TollgateError(
      'TG_USAGE',
      `--${flag} must be a positive ${integer ? 'integer' : 'number'}, got "${raw}"`,
    );
  }
  const limit = flag === 'rate' ? loadLimits.maxRate : loadLimits.maxConnections;
  if (value > limit) throw new TollgateError('TG_USAGE', `--${flag} must be at most ${limit}, got "${raw}"`);
  return value;
}
