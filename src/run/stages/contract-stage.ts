import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { contractOptionsFor } from '../../contract/options-for-environment.ts';
import { progressText } from '../../contract/progress-text.ts';
import { runContract } from '../../contract/run-contract.ts';
import type { ContractRun } from '../../contract/types.ts';
import { ExitCode } from '../../errors/exit-codes.ts';
import { evaluateGates } from '../../gates/evaluate-gates.ts';
import { type ContractResult, failingFindings, severityOf, unansweredText } from '../model.ts';
import type { StageOutcome, StageRunner } from './types.ts';

/**
 * `contract`: the contract engine over the whole spec with the environment's
 * options. Its gate is `contract.findings ==0`: any finding fails the stage.
 * The full engine result (with replay data) goes to `<run>/contract.json`.
 */
export const contractStage: StageRunner = async (ctx) => {
  const { target } = ctx;
  let lastLog = 0;
  const run = await runContract({
    spec: target.spec,
    baseURL: target.baseURL,
    headers: lowerKeys(target.headers),
    query: target.query,
    secrets: target.secrets,
    options: contractOptionsFor(target.env),
    signal: ctx.signal,
    onProgress: (p) => {
      const now = Date.now();
      if (now - lastLog < 3000) return;
      lastLog = now;
      ctx.log(`  ${progressText(p)}`);
    },
  });
  writeFileSync(join(ctx.runDir, 'contract.json'), `${JSON.stringify(run, null, 2)}\n`);
  return contractOutcome(run, target.env.contract.failOn);
};

/**
 * The contract gate: `contract.findings ==0` counts errors only; with
 * `failOn: 'warning'` a `contract.warnings ==0` gate joins it.
 */
export function contractOutcome(run: ContractRun, failOn: 'error' | 'warning' = 'error'): StageOutcome {
  const contract = toContractResult(run);
  const { requests, timeouts, connection, budget } = run.unanswered;
  const errors = failingFindings(contract.findings).length;
  const warnings = contract.findings.filter((f) => severityOf(f) === 'warning').length;
  const gates = evaluateGates(
    {
      values: {
        'contract.findings': errors,
        'contract.warnings': warnings,
        'contract.unanswered': requests ? (timeouts + connection) / requests : 0,
      },
    },
    {
      'contract.findings': '==0',
      ...(failOn === 'warning' ? { 'contract.warnings': '==0' } : {}),
      'contract.unanswered': `<=${budget}`,
    },
    'contract',
  );
  const groups = contract.groups.length;
  const lost = run.credentialsLost
    ? `; CREDENTIALS LOST after ${run.credentialsLost.after} (later 401/${run.credentialsLost.status} answers not judged)`
    : '';
  const left = run.cleanup.leftover.length;
  const litter = left ? `; CLEANUP LEFT ${left} created resources on the server` : '';
  const incomplete = `${run.incomplete ? `; INCOMPLETE: ${run.incomplete.reason}` : ''}${lost}${litter}`;
  const unanswered = timeouts + connection ? `, ${unansweredText(run.unanswered)}` : '';
  const summary = `${errors} findings${warnings ? `, ${warnings} warnings` : ''} (${groups} groups) in ${contract.cases} cases, ${contract.operations.length} operations${unanswered}${incomplete}`;
  return {
    verdict: run.aborted
      ? 'error'
      : gates.every((g) => g.verdict === 'pass') && !run.incomplete && !run.credentialsLost && !left
        ? 'pass'
        : 'fail',
    summary,
    error:
      run.aborted?.reason ??
      run.incomplete?.reason ??
      (run.credentialsLost ? `credentials stopped working after ${run.credentialsLost.after}` : undefined) ??
      (left ? `cleanup left ${left} created resources on the server` : undefined),
    gates,
    contract,
    ...targetAborted(run.aborted),
  };
}

/** A run the target cut short (not Ctrl-C) aborts the whole gate run with exit 3. */
function targetAborted(aborted: { reason: string } | undefined): Partial<StageOutcome> {
  if (!aborted || aborted.reason === 'interrupted') return {};
  return { aborted, exitCode: ExitCode.Unreachable };
}

/** The shared model's fields only; replays and stats stay in contract.json. */
function toContractResult(run: ContractRun): ContractResult {
  const { seed, durationMs, cases, findings, groups, perCheck, operations, generationProblems, cleanup } =
    run;
  const result = {
    seed,
    durationMs,
    cases,
    findings,
    groups,
    perCheck,
    operations,
    generationProblems,
    cleanup,
    unanswered: run.unanswered,
    ...(run.budget ? { budget: run.budget } : {}),
    ...(run.incomplete ? { incomplete: run.incomplete } : {}),
    ...(run.credentialsLost ? { credentialsLost: run.credentialsLost } : {}),
    ...(run.notices ? { notices: run.notices } : {}),
  };
  return run.specWarnings ? { ...result, specWarnings: run.specWarnings } : result;
}

function lowerKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}
