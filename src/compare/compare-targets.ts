import { performance } from 'node:perf_hooks';
import { assertRunnable, outputScrubber, startCommand } from '../command/run-command.ts';
import type { ResolvedCompareTarget } from '../config/types.ts';
import { contractOptionsFor } from '../contract/options-for-environment.ts';
import { runContract } from '../contract/run-contract.ts';
import type { ContractRun } from '../contract/types.ts';
import { TollgateError } from '../errors/tollgate-error.ts';
import type { Target } from '../target/open-target.ts';
import { probeTarget } from '../target/probe.ts';
import { readMix } from '../traffic/read-mix.ts';
import type { CompareSettings } from './compare-settings.ts';
import type { Side } from './interleaved-traffic.ts';
import { compareFindings, judgeContract } from './judge-metric.ts';
import { runCompare } from './run-compare.ts';
import { assertSameApi } from './same-api.ts';
import { scoreVerdict } from './score-verdict.ts';
import type { CompareResult, MetricResult } from './types.ts';

/** What a comparison needs of the command's target: the spec, credentials and the environment's options. */
export type CompareTarget = Pick<Target, 'spec' | 'env' | 'envName' | 'headers' | 'query' | 'secrets'>;

export interface CompareTargetsInput {
  /** Each side's URL and headers (the environment's own and credentials included). Default: `environmentSides(target)`. */
  sides?: Record<Side, ResolvedCompareTarget>;
  settings: CompareSettings;
  /** Where the rollback command runs and relative served specs are read from. */
  cwd: string;
  signal: AbortSignal;
  log: (line: string) => void;
  /** Remarks shown with the result (what the read mix left out...). */
  notes?: string[];
  /** Metrics measured once the traffic is over (PromQL gates per side), scored before the rollback decision. */
  afterTraffic?: (result: CompareResult) => Promise<MetricResult[]>;
}

/** The comparison and the two contract runs it judged (for `contract-<side>.json`). */
export interface ComparedTargets {
  result: CompareResult;
  contract?: Record<Side, ContractRun>;
}

/**
 * What `tollgate compare` and the `compare` gate stage share: the checks
 * before any traffic (a rollback command that is not there: exit 2; a side
 * that does not answer: exit 3 naming it; served specs of different APIs:
 * exit 2), the contract engine against both sides (findings only the
 * candidate has are regressions), the interleaved traffic and verdict, and on
 * roll back the `onFail` command with its output and exit code.
 */
export async function compareTargets(
  target: CompareTarget,
  input: CompareTargetsInput,
): Promise<ComparedTargets> {
  const { settings } = input;
  const sides = input.sides ?? environmentSides(target);
  const spec = target.spec;
  const t0 = performance.now();
  const onFail = settings.onFail === undefined ? undefined : { shell: settings.onFail };
  if (onFail) assertRunnable(onFail, input.cwd, '--on-fail');
  for (const side of ['baseline', 'candidate'] as const) {
    await probeTarget(sides[side].baseURL).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      throw new TollgateError(
        'TG_UNREACHABLE',
        `the ${side} ${message.replace(/^cannot reach/, 'cannot be reached at')}`,
      );
    });
  }
  const baselineSpec = sides.baseline.servedSpec;
  const candidateSpec = sides.candidate.servedSpec;
  if (baselineSpec && candidateSpec)
    await assertSameApi({ baseline: baselineSpec, candidate: candidateSpec }, input.cwd);
  const mix = readMix(spec);
  if (mix.requests.length === 0) {
    throw new TollgateError(
      'TG_NOTHING_TO_TEST',
      `${spec.source} has no GET or HEAD whose parameters can be filled (${mix.skipped.slice(0, 3).join('; ') || 'no GET operations'})`,
      { hint: 'add examples to the parameters of a GET operation' },
    );
  }
  const notes = [...(input.notes ?? []), ...mix.skipped.map((s) => `not sent: ${s}`)];
  input.log(
    `compare: ${mix.requests.length} reads, ${settings.rate} rps to each side for ${settings.durationMs / 1000}s${settings.contract ? ', after a contract run against each' : ''}`,
  );

  let contract: Record<Side, ContractRun> | undefined;
  const extra: MetricResult[] = [];
  let comparison: ReturnType<typeof compareFindings> | undefined;
  if (settings.contract) {
    const run = (side: Side) =>
      runContract({
        spec: spec,
        baseURL: sides[side].baseURL,
        headers: Object.fromEntries(
          Object.entries(sides[side].headers).map(([k, v]) => [k.toLowerCase(), v]),
        ),
        query: target.query,
        secrets: target.secrets,
        options: contractOptionsFor(target.env),
        signal: input.signal,
      });
    // One after the other: the two sides often share a database, and one run's deletes would be the other's findings.
    const baseline = await run('baseline');
    const candidate = await run('candidate');
    contract = { baseline, candidate };
    const cut = (['baseline', 'candidate'] as const).find((side) => contract?.[side].aborted);
    if (cut) {
      extra.push(
        contractNoData(`the ${cut}'s contract run stopped: ${contract[cut].aborted?.reason}`, settings),
      );
    } else {
      comparison = compareFindings(baseline.findings, candidate.findings);
      extra.push(judgeContract(comparison, settings.metrics.contract));
    }
  }

  const result = await runCompare({
    baseline: { url: sides.baseline.baseURL, headers: sides.baseline.headers },
    candidate: { url: sides.candidate.baseURL, headers: sides.candidate.headers },
    basePath: spec.basePath,
    requests: mix.requests,
    rate: settings.rate,
    durationMs: settings.durationMs,
    seed: settings.seed,
    metrics: settings.metrics,
    thresholds: settings.thresholds,
    onMarginal: settings.onMarginal,
    confidence: settings.confidence,
    minSamples: settings.minSamples,
    extra: { metrics: extra, ...(comparison ? { contract: comparison } : {}) },
    notes,
    signal: input.signal,
  });

  const after = result.aborted ? [] : ((await input.afterTraffic?.(result)) ?? []);
  if (after.length > 0) {
    result.metrics.push(...after);
    result.verdict = scoreVerdict(result.metrics, result);
    result.warnings = result.metrics.filter((m) => m.class === 'nodata').map((m) => m.reason);
  }
  if (onFail && result.verdict.decision === 'rollback' && !input.signal.aborted) {
    const trigger = result.verdict.reasons[0] ?? 'the verdict is roll back';
    input.log(`compare: roll back; running --on-fail: ${trigger}`);
    const ran = await startCommand(onFail, {
      cwd: input.cwd,
      t0,
      timeoutMs: 5 * 60_000,
      scrub: outputScrubber(target.secrets),
    }).done;
    result.rollback = { ...ran, trigger };
    if (ran.exitCode !== 0)
      result.notes.push(
        `the --on-fail command ${ran.timedOut ? 'timed out' : ran.signal ? `was killed by ${ran.signal}` : `exited ${ran.exitCode}`}`,
      );
  }
  return { result, ...(contract ? { contract } : {}) };
}

/** The environment's baseline and candidate, each with the environment's headers (credentials included) under its own. */
export function environmentSides(target: CompareTarget): Record<Side, ResolvedCompareTarget> {
  const side = (name: Side): ResolvedCompareTarget => {
    const configured = target.env[name];
    if (!configured)
      throw new TollgateError(
        'TG_CONFIG_INVALID',
        `environments.${target.envName}.${name} is not set: name both sides of the comparison in the config`,
        {
          hint: "add baseline: { baseURL: '...' } and candidate: { baseURL: '...' }, or pass --baseline <url> --candidate <url>",
        },
      );
    return { ...configured, headers: { ...target.headers, ...configured.headers } };
  };
  return { baseline: side('baseline'), candidate: side('candidate') };
}

function contractNoData(reason: string, settings: CompareSettings): MetricResult {
  const rule = settings.metrics.contract;
  return {
    metric: 'contract',
    op: '*',
    class: 'nodata',
    critical: rule.critical,
    weight: rule.weight,
    baseline: { samples: 0, requests: 0 },
    candidate: { samples: 0, requests: 0 },
    reason: `contract: too little data (${reason})`,
  };
}
