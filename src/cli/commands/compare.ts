import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { compareOutcome } from '../../compare/compare-outcome.ts';
import { type CompareFlags, compareSettings } from '../../compare/compare-settings.ts';
import { compareTargets, environmentSides } from '../../compare/compare-targets.ts';
import { compareDefaults } from '../../compare/defaults.ts';
import { isHttpUrl } from '../../config/validate-config.ts';
import { ExitCode } from '../../errors/exit-codes.ts';
import { TollgateError } from '../../errors/tollgate-error.ts';
import { parseGateFlags } from '../../gates/parse-gate-flags.ts';
import { loadLimits } from '../../load/profile/limits.ts';
import { parseDuration } from '../../load/profile/stages.ts';
import { afterCompareTraffic, comparePromqlFor } from '../../prometheus/compare-promql-gates.ts';
import { compareLines } from '../../report/compare-text.ts';
import { recordCommandRun } from '../../run/record-command-run.ts';
import { assertRunDirUsable, createRunDir } from '../../run/run-dir.ts';
import { openTarget } from '../../target/open-target.ts';
import { type Command, type CommandContext, targetOptions } from '../command.ts';

/** `tollgate compare --spec S --baseline URL --candidate URL`: one interleaved schedule, judged per operation. */
export const compareCommand: Command = {
  name: 'compare',
  summary:
    'send the same interleaved read traffic to a baseline and a candidate and judge promote or roll back',
  usage:
    'tollgate compare (--spec <file> --baseline <url> --candidate <url> [--header ...] | --env <name>) [--duration 30s] [--rate 50] [--seed n] [--no-contract] [--on-fail <command>] [--served-spec <path>]',
  examples: [
    'tollgate compare --spec specs/albums.openapi.yaml --baseline http://127.0.0.1:8080 --candidate http://127.0.0.1:8081 --duration 30s',
  ],
  options: {
    ...targetOptions,
    baseline: {
      type: 'string',
      description: "base URL of the running baseline (default: the environment's baseline)",
      valueName: 'url',
    },
    candidate: {
      type: 'string',
      description: "base URL of the candidate (default: the environment's candidate)",
      valueName: 'url',
    },
    duration: {
      type: 'string',
      description: `seconds of traffic (default ${compareDefaults.durationSec}s)`,
      valueName: 'duration',
    },
    rate: {
      type: 'string',
      description: `arrivals per second to each side (default ${compareDefaults.rate})`,
      valueName: 'rps',
    },
    seed: { type: 'string', description: 'seed of the mix and the reservoirs (default 1)', valueName: 'n' },
    gate: {
      type: 'string',
      multiple: true,
      description:
        "a PromQL gate judged on each side, the candidate's result deciding (repeatable): 'promql.error_ratio<0.01'",
      valueName: 'gate',
    },
    'no-contract': {
      type: 'boolean',
      description: 'skip the contract run against each side (default: run it; new findings are regressions)',
    },
    'on-fail': {
      type: 'string',
      description: 'rollback command (a shell line) run when the verdict is roll back',
      valueName: 'command',
    },
    'served-spec': {
      type: 'string',
      description:
        'path (or URL) of the spec each side serves, e.g. /swagger/doc.json: both must be the same API and version',
      valueName: 'path',
    },
  },
  async run(ctx) {
    const adhoc = ctx.values.baseline !== undefined || ctx.values.candidate !== undefined;
    const flags: CompareFlags = {};
    if (ctx.values.duration !== undefined) flags.durationMs = duration(ctx);
    if (ctx.values.rate !== undefined) flags.rate = number(ctx, 'rate', loadLimits.maxRate);
    if (ctx.values.seed !== undefined) flags.seed = number(ctx, 'seed', 2 ** 31);
    if (ctx.values['no-contract']) flags.contract = false;
    if (typeof ctx.values['on-fail'] === 'string') flags.onFail = ctx.values['on-fail'];
    const served = ctx.values['served-spec'] as string | undefined;
    const target = adhoc
      ? await openTarget(
          { ...ctx, values: { ...ctx.values, 'base-url': url(ctx, 'baseline') } },
          { probe: false },
        )
      : await openTarget(ctx, { probe: false, startServer: false });
    try {
      const sides = adhoc
        ? {
            baseline: { baseURL: url(ctx, 'baseline'), headers: target.headers },
            candidate: { baseURL: url(ctx, 'candidate'), headers: target.headers },
          }
        : environmentSides(target);
      for (const side of Object.values(sides)) Object.assign(side, servedSpec(served, side.baseURL));
      assertRunDirUsable(target.config.reportsDir, ctx.values['run-dir'] as string | undefined);
      const settings = compareSettings(adhoc ? {} : target.env.compare, flags);
      const gateFlags = (ctx.values.gate as string[] | undefined) ?? [];
      const promql = await comparePromqlFor(
        target.env.prometheus,
        target.envName,
        {
          flags: adhoc || gateFlags.length ? parseGateFlags(gateFlags) : undefined,
          config: target.env.compare?.gates,
        },
        { baseline: sides.baseline.baseURL, candidate: sides.candidate.baseURL },
      );
      const startedAt = new Date();
      const { result, contract } = await compareTargets(target, {
        sides,
        settings,
        cwd: ctx.cwd,
        signal: ctx.signal,
        log: (line) => {
          if (!ctx.json) ctx.err(line);
        },
        afterTraffic: afterCompareTraffic(
          promql,
          target.env.prometheus,
          (line) => {
            if (!ctx.json) ctx.err(line);
          },
          ctx.signal,
        ),
      });
      const run = createRunDir(
        target.config.reportsDir,
        target.envName,
        ctx.values['run-dir'] as string | undefined,
      );
      const file = join(run.dir, 'compare.json');
      writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
      for (const [name, ran] of Object.entries(contract ?? {}))
        writeFileSync(join(run.dir, `contract-${name}.json`), `${JSON.stringify(ran, null, 2)}\n`);
      recordCommandRun(target, { name: 'compare', kind: 'compare' }, compareOutcome(result), {
        id: run.id,
        dir: run.dir,
        startedAt,
        moveLatest: !ctx.values['run-dir'],
        aborted: result.aborted,
      });
      if (ctx.json) ctx.out(JSON.stringify({ ...result, file }, null, 2));
      else {
        for (const warning of result.warnings) ctx.err(`warning: ${warning}`);
        for (const line of compareLines(result)) ctx.out(line);
        ctx.out(`wrote ${relative(ctx.cwd, file)} and ${relative(ctx.cwd, join(run.dir, 'index.html'))}`);
      }
      if (result.aborted) return ExitCode.Interrupted;
      return result.verdict.decision === 'promote' ? ExitCode.Pass : ExitCode.Failed;
    } finally {
      await target.close();
    }
  },
};

/** `--served-spec /swagger/doc.json`: the same path on each side's base URL. */
function servedSpec(path: string | undefined, baseURL: string): { servedSpec?: string } {
  if (path === undefined) return {};
  return { servedSpec: isHttpUrl(path) ? path : new URL(path, `${baseURL}/`).href };
}

function url(ctx: CommandContext, flag: 'baseline' | 'candidate'): string {
  const raw = ctx.values[flag];
  if (typeof raw !== 'string')
    throw new TollgateError(
      'TG_USAGE',
      `compare needs --${flag} <url>: tollgate compare --spec <file> --baseline <url> --candidate <url>`,
    );
  if (!isHttpUrl(raw)) throw new TollgateError('TG_USAGE', `--${flag} must be an http(s) URL, got "${raw}"`);
  return raw.replace(/\/+$/, '');
}

function duration(ctx: CommandContext): number {
  const raw = ctx.values.duration;
  if (raw === undefined) return compareDefaults.durationSec * 1000;
  const ms = parseDuration(String(raw));
  if (!(ms >= 1000) || ms > 3_600_000)
    throw new TollgateError('TG_USAGE', `--duration must look like 30s or 2m (1s to 1h), got "${raw}"`);
  return ms;
}

function number(ctx: CommandContext, flag: string, max: number): number {
  const raw = ctx.values[flag];
  const value = Number(raw);
  if (!(value > 0) || value > max)
    throw new TollgateError('TG_USAGE', `--${flag} must be a number between 0 and ${max}, got "${raw}"`);
  return value;
}
