import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { compareOutcome } from '../../compare/compare-outcome.ts';
import { compareDefaults } from '../../compare/defaults.ts';
import { runCompare } from '../../compare/run-compare.ts';
import { scoreVerdict } from '../../compare/score-verdict.ts';
import { isHttpUrl } from '../../config/validate-config.ts';
import { ExitCode } from '../../errors/exit-codes.ts';
import { TollgateError } from '../../errors/tollgate-error.ts';
import { parseGateFlags } from '../../gates/parse-gate-flags.ts';
import { parseGateSet } from '../../gates/parse-gates.ts';
import { loadLimits } from '../../load/profile/limits.ts';
import { parseDuration } from '../../load/profile/stages.ts';
import { prepareComparePromqlGates } from '../../prometheus/compare-promql-gates.ts';
import { runWindow } from '../../prometheus/prepare-promql-gates.ts';
import { compareLines } from '../../report/compare-text.ts';
import { recordCommandRun } from '../../run/record-command-run.ts';
import { assertRunDirUsable, createRunDir } from '../../run/run-dir.ts';
import { openTarget } from '../../target/open-target.ts';
import { probeTarget } from '../../target/probe.ts';
import { readMix } from '../../traffic/read-mix.ts';
import { type Command, type CommandContext, targetOptions } from '../command.ts';

/** `tollgate compare --spec S --baseline URL --candidate URL`: one interleaved schedule, judged per operation. */
export const compareCommand: Command = {
  name: 'compare',
  summary:
    'send the same interleaved read traffic to a baseline and a candidate and judge promote or roll back',
  usage:
    'tollgate compare (--spec <file> --baseline <url> --candidate <url> [--header ...] | --env <name>) [--duration 30s] [--rate 50] [--seed n]',
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
  },
  async run(ctx) {
    const adhoc = ctx.values.baseline !== undefined || ctx.values.candidate !== undefined;
    const durationMs = duration(ctx);
    const rate = number(ctx, 'rate', compareDefaults.rate, loadLimits.maxRate);
    const seed = number(ctx, 'seed', compareDefaults.seed, 2 ** 31);
    const target = adhoc
      ? await openTarget(
          { ...ctx, values: { ...ctx.values, 'base-url': url(ctx, 'baseline') } },
          { probe: false },
        )
      : await openTarget(ctx, { probe: false, startServer: false });
    try {
      const side = (name: 'baseline' | 'candidate') => {
        if (adhoc) return { url: url(ctx, name), headers: target.headers };
        const configured = target.env[name];
        if (!configured)
          throw new TollgateError(
            'TG_USAGE',
            `environments.${target.envName}.${name} is not set: name both sides in the config ({ baseURL, headers }) or pass --baseline <url> --candidate <url>`,
          );
        return { url: configured.baseURL, headers: { ...target.headers, ...configured.headers } };
      };
      const baselineSide = side('baseline');
      const candidateSide = side('candidate');
      const baseline = baselineSide.url;
      const candidate = candidateSide.url;
      assertRunDirUsable(target.config.reportsDir, ctx.values['run-dir'] as string | undefined);
      for (const [side, where] of [
        ['baseline', baseline],
        ['candidate', candidate],
      ] as const) {
        await probeTarget(where).catch((error: unknown) => {
          const message = error instanceof Error ? error.message : String(error);
          throw new TollgateError(
            'TG_UNREACHABLE',
            `the ${side} ${message.replace(/^cannot reach/, 'cannot be reached at')}`,
          );
        });
      }
      const promql = await prepareComparePromqlGates(
        target.env.prometheus,
        parseGateSet(parseGateFlags((ctx.values.gate as string[] | undefined) ?? []), '--gate'),
        { env: target.envName, where: '--gate' },
        { baseline, candidate },
      );
      const mix = readMix(target.spec);
      if (mix.requests.length === 0) {
        throw new TollgateError(
          'TG_NOTHING_TO_TEST',
          `${target.spec.source} has no GET or HEAD whose parameters can be filled (${mix.skipped.slice(0, 3).join('; ') || 'no GET operations'})`,
          { hint: 'add examples to the parameters of a GET operation' },
        );
      }
      const notes = mix.skipped.map((s) => `not sent: ${s}`);
      if (!ctx.json) {
        ctx.err(`compare: ${mix.requests.length} reads, ${rate} rps to each side for ${durationMs / 1000}s`);
        for (const note of notes) ctx.err(`note: ${note}`);
      }
      const startedAt = new Date();
      const result = await runCompare({
        baseline: baselineSide,
        candidate: candidateSide,
        basePath: target.spec.basePath,
        requests: mix.requests,
        rate,
        durationMs,
        seed,
        notes,
        signal: ctx.signal,
      });
      if (promql.gates.length > 0 && !result.aborted) {
        if (!ctx.json)
          ctx.err(
            `note: waiting ${target.env.prometheus?.scrapeIntervalSec}s (one scrape) before querying Prometheus`,
          );
        result.metrics.push(
          ...(await promql.measure(runWindow(result.startedAt, result.durationMs), ctx.signal)),
        );
        result.verdict = scoreVerdict(result.metrics, result);
      }
      const run = createRunDir(
        target.config.reportsDir,
        target.envName,
        ctx.values['run-dir'] as string | undefined,
      );
      const file = join(run.dir, 'compare.json');
      writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
      recordCommandRun(target, { name: 'compare', kind: 'compare' }, compareOutcome(result), {
        id: run.id,
        dir: run.dir,
        startedAt,
        moveLatest: !ctx.values['run-dir'],
        aborted: result.aborted,
      });
      if (ctx.json) ctx.out(JSON.stringify({ ...result, file }, null, 2));
      else {
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

function number(ctx: CommandContext, flag: string, fallback: number, max: number): number {
  const raw = ctx.values[flag];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!(value > 0) || value > max)
    throw new TollgateError('TG_USAGE', `--${flag} must be a number between 0 and ${max}, got "${raw}"`);
  return value;
}
