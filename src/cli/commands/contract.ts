import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { contractOptionsFor } from '../../contract/options-for-environment.ts';
import { progressText } from '../../contract/progress-text.ts';
import { CONTRACT_FILE, loadStoredCase, replayCase } from '../../contract/replay.ts';
import { runContract } from '../../contract/run-contract.ts';
import { contractSummaryLines } from '../../contract/summary-text.ts';
import type { ContractInput, ContractOptions, ContractProgress } from '../../contract/types.ts';
import { TollgateError } from '../../errors/tollgate-error.ts';
import type { PushTarget } from '../../metrics-out/export-run-metrics.ts';
import { severityOf } from '../../run/model.ts';
import { recordCommandRun } from '../../run/record-command-run.ts';
import { assertRunDirUsable, createRunDir } from '../../run/run-dir.ts';
import { resolveRunDir } from '../../run/run-file.ts';
import { contractOutcome } from '../../run/stages/contract-stage.ts';
import { openTarget, type Target } from '../../target/open-target.ts';
import {
  type Command,
  type CommandContext,
  envelopeFrom,
  envelopeOption,
  targetOptions,
} from '../command.ts';
import { replayCommandOf } from '../replay-command.ts';
import { exportRunMetrics, pushOption, pushTarget, pushWithAuth } from '../run-metrics.ts';

/**
 * `tollgate contract`: generate cases from the spec, send them, check every
 * response, write `reports/<run>/contract.json`, print a summary. Exit 1 on
 * any error finding (and on warnings with `--fail-on warning`), 0 otherwise, 2 for usage/spec errors, 3 when unreachable.
 * `--replay <id>` sends one stored case again: `fixed` (0) or `still failing` (1).
 */
export const contractCommand: Command = {
  name: 'contract',
  summary: 'contract-test an API against its OpenAPI spec (examples, boundaries, negative, stateful, auth)',
  usage: 'tollgate contract --env <name> | --spec <file> --base-url <url> [options]',
  examples: [
    'tollgate contract --env local',
    'tollgate contract --spec specs/albums.openapi.yaml --base-url http://127.0.0.1:8080 -H "Authorization: Bearer $TOKEN"',
    'tollgate contract --env local --seed 7 --operations getAlbum,listAlbums --exclude-checks response-time',
    'tollgate contract --env local --replay 3fa2c91b0d4e',
  ],
  options: {
    ...targetOptions,
    ...pushOption,
    seed: {
      type: 'string',
      description: 'seed for case generation (default: config, else 1)',
      valueName: 'n',
    },
    'max-cases': {
      type: 'string',
      description: 'cases per operation and phase (default 25)',
      valueName: 'n',
    },
    operations: {
      type: 'string',
      description: 'only these operation ids or "METHOD /path", comma-separated',
      valueName: 'ids',
    },
    tags: {
      type: 'string',
      description: 'only operations with these tags, comma-separated',
      valueName: 'tags',
    },
    'exclude-operations': {
      type: 'string',
      description: 'never send these operation ids or "METHOD /path", in any phase, comma-separated',
      valueName: 'ids',
    },
    'exclude-paths': {
      type: 'string',
      description: 'never send these paths or anything below them, comma-separated',
      valueName: 'paths',
    },
    'exclude-tags': {
      type: 'string',
      description: 'never send operations with these tags, comma-separated',
      valueName: 'tags',
    },
    'include-session-ending': {
      type: 'boolean',
      description: 'send operations that look session-ending (logout, revoke, ...), last (default: skipped)',
    },
    checks: { type: 'string', description: 'only these checks, comma-separated', valueName: 'names' },
    'exclude-checks': {
      type: 'string',
      description: 'skip these checks, comma-separated',
      valueName: 'names',
    },
    workers: { type: 'string', description: 'concurrent requests (default 4)', valueName: 'n' },
    'rate-limit': {
      type: 'string',
      description: 'max requests per second, 0 = none (default 0)',
      valueName: 'rps',
    },
    timeout: { type: 'string', description: 'per-request timeout in ms (default 10000)', valueName: 'ms' },
    'fail-on': {
      type: 'string',
      description: 'lowest severity that exits 1: error or warning (default: config, else error)',
      valueName: 'severity',
    },
    ...envelopeOption,
    'max-requests': {
      type: 'string',
      description: 'stop sending after n requests; the rest is reported as not run (default 10000)',
      valueName: 'n',
    },
    'max-response-time': {
      type: 'string',
      description: 'response-time budget for every operation, e.g. 250ms or 2s (a finding when over)',
      valueName: 'time',
    },
    'follow-redirects': {
      type: 'boolean',
      description: 'follow same-origin redirects to the answer behind them (default off: a 3xx is a finding)',
    },
    replay: {
      type: 'string',
      description: 'send one stored case again (id from contract.json)',
      valueName: 'id',
    },
  },
  async run(ctx) {
    const pushUrl = pushTarget(ctx);
    const target = await openTarget(ctx);
    try {
      const push = pushWithAuth(pushUrl, target.env);
      assertRunDirUsable(target.config.reportsDir, ctx.values['run-dir'] as string | undefined);
      const options = contractOptions(ctx, target);
      if (typeof ctx.values.replay === 'string') return await replay(ctx, target, options, ctx.values.replay);
      return await contract(ctx, target, options, push);
    } finally {
      await target.close();
    }
  },
};

async function contract(
  ctx: CommandContext,
  target: Target,
  options: ContractOptions,
  push: PushTarget | undefined,
): Promise<number> {
  const tty = process.stderr.isTTY === true && !ctx.json;
  let lastLine = 0;
  const onProgress = (p: ContractProgress) => {
    const now = Date.now();
    if (now - lastLine < (tty ? 100 : 2000)) return;
    lastLine = now;
    const text = progressText(p);
    if (tty) process.stderr.write(`\r\x1b[2K${text}`);
    else if (!ctx.json) ctx.err(text);
  };
  const startedAt = new Date();
  const run = await runContract({ ...engineInput(ctx, target, options), onProgress });
  if (tty) process.stderr.write('\r\x1b[2K');
  const { id, dir } = createRunDir(
    target.config.reportsDir,
    target.envName,
    ctx.values['run-dir'] as string | undefined,
  );
  const outcome = contractOutcome(run, options.failOn);
  const replayCommand = replayCommandOf(ctx.values, target.secrets);
  const summary = {
    verdict: outcome.verdict,
    env: target.envName,
    baseURL: target.baseURL,
    spec: target.spec.source,
    replayCommand,
    findings: run.findings.length,
    errors: run.findings.filter((f) => severityOf(f) === 'error').length,
    warnings: run.findings.filter((f) => severityOf(f) === 'warning').length,
    groups: run.groups.length,
  };
  writeFileSync(join(dir, CONTRACT_FILE), `${JSON.stringify({ summary, ...run }, null, 2)}\n`);
  const model = recordCommandRun(target, { name: 'contract', kind: 'contract' }, outcome, {
    id,
    dir,
    startedAt,
    moveLatest: !ctx.values['run-dir'],
    aborted: run.aborted,
  });
  if (ctx.json) ctx.out(JSON.stringify({ dir, summary, ...run }, null, 2));
  else {
    const replayFlags = options.followRedirects ? ['--follow-redirects'] : [];
    for (const line of contractSummaryLines(run, {
      runDir: relative(ctx.cwd, dir) || dir,
      failOn: options.failOn,
      replayCommand,
      replayFlags,
    }))
      ctx.out(line);
    ctx.out(
      `\nWrote ${relative(ctx.cwd, join(dir, CONTRACT_FILE))} and ${relative(ctx.cwd, join(dir, 'index.html'))}`,
    );
  }
  await exportRunMetrics(ctx, model, dir, 'contract', push);
  if (run.aborted) return run.aborted.reason === 'interrupted' ? 130 : 3;
  return outcome.verdict === 'pass' ? 0 : 1;
}

async function replay(
  ctx: CommandContext,
  target: Target,
  options: ContractOptions,
  id: string,
): Promise<number> {
  const runDir = resolveRunDir(
    target.config.reportsDir,
    (ctx.values['run-dir'] as string | undefined) ?? 'latest',
    ctx.cwd,
  );
  const stored = loadStoredCase(runDir, id);
  const result = await replayCase(engineInput(ctx, target, options), stored);
  if (ctx.json) ctx.out(JSON.stringify({ replayId: id, ...result }));
  else ctx.out(result.fixed ? 'fixed' : `still failing: ${result.stillFailing.join('; ')}`);
  return result.fixed ? 0 : 1;
}

/** What the engine needs from the target; the same for a run and a replay. */
function engineInput(ctx: CommandContext, target: Target, options: ContractOptions): ContractInput {
  const { spec, baseURL, headers, query, secrets } = target;
  return { spec, baseURL, headers, query, secrets, options, signal: ctx.signal };
}

function contractOptions(ctx: CommandContext, target: Target): ContractOptions {
  const v = ctx.values;
  const o = contractOptionsFor(target.env);
  return {
    ...o,
    seed: int(v.seed, '--seed') ?? o.seed,
    maxCases: int(v['max-cases'], '--max-cases', 1) ?? o.maxCases,
    workers: int(v.workers, '--workers', 1) ?? o.workers,
    rateLimit: int(v['rate-limit'], '--rate-limit', 0) ?? o.rateLimit,
    timeoutMs: int(v.timeout, '--timeout', 1) ?? o.timeoutMs,
    maxRequests: int(v['max-requests'], '--max-requests', 1) ?? o.maxRequests,
    maxResponseMs: milliseconds(v['max-response-time'], '--max-response-time') ?? o.maxResponseMs,
    onlyChecks: list(v.checks),
    excludeChecks: list(v['exclude-checks']),
    operations: list(v.operations),
    tags: list(v.tags),
    excludeOperations: list(v['exclude-operations']) ?? o.excludeOperations,
    excludePaths: list(v['exclude-paths']) ?? o.excludePaths,
    excludeTags: list(v['exclude-tags']) ?? o.excludeTags,
    includeSessionEnding: v['include-session-ending'] === true || o.includeSessionEnding,
    envelope: envelopeFrom(ctx, o.envelope),
    followRedirects: v['follow-redirects'] === true || o.followRedirects,
    failOn: failOnFlag(v['fail-on']) ?? o.failOn,
  };
}

function failOnFlag(value: unknown): 'error' | 'warning' | undefined {
  if (value === undefined) return undefined;
  if (value === 'error' || value === 'warning') return value;
  throw new TollgateError('TG_USAGE', `--fail-on must be "error" or "warning", got "${value}"`);
}

function int(value: unknown, flag: string, min = 0): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new TollgateError('TG_USAGE', `${flag} must be an integer >= ${min}, got "${value}"`);
  return n;
}

/** `250ms`, `2s`, `1.5s` or a bare number of milliseconds. */
function milliseconds(value: unknown, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(String(value).trim());
  const ms = match ? Number(match[1]) * (match[2] === 's' ? 1000 : 1) : Number.NaN;
  if (!(ms > 0))
    throw new TollgateError('TG_USAGE', `${flag} must look like 250ms or 2s, got "${value}"`, {
      hint: `e.g. ${flag} 250ms`,
    });
  return ms;
}

function list(value: unknown): string[] | undefined {
  if (typeof value !== 'string') return undefined;
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
