import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contractOptionsFor } from '../contract/options-for-environment.ts';
import { runContract } from '../contract/run-contract.ts';
import type { ContractRun } from '../contract/types.ts';
import { type Finding, failingFindings, severityOf } from '../run/model.ts';
import type { Target } from '../target/open-target.ts';

/**
 * The contract run a test runner's per-operation tests judge: the engine runs
 * once per environment per runner invocation (cached in a temp file keyed by
 * the runner's pid, so every worker reuses it), or not at all under
 * `tollgate gate`, which hands over its contract stage's result.
 */
export async function sharedContractRun(target: Target): Promise<ContractRun> {
  const fromGate =
    process.env.TOLLGATE_ENV === target.envName ? process.env.TOLLGATE_CONTRACT_RESULT : undefined;
  if (fromGate && existsSync(fromGate)) return JSON.parse(readFileSync(fromGate, 'utf8'));
  const cache = join(tmpdir(), `tollgate-contract-${process.ppid}-${target.envName}.json`);
  if (existsSync(cache)) return JSON.parse(readFileSync(cache, 'utf8'));
  const run = await runContract({
    spec: target.spec,
    baseURL: target.baseURL,
    headers: target.headers,
    query: target.query,
    secrets: target.secrets,
    options: contractOptionsFor(target.env),
  });
  writeFileSync(cache, JSON.stringify(run));
  return run;
}

/** One operation and phase's slice of a run: what fails its test, and the warnings shown beside it. */
export function sliceOf(
  run: ContractRun,
  target: Target,
  operation: string,
  phase: Finding['phase'],
): { failing: string[]; shown: { severity: string; text: string }[] } {
  const mine = run.findings.filter((f) => f.operation === operation && f.phase === phase);
  // Warnings are shown, not failed, unless the environment sets failOn: 'warning'.
  const failing = failingFindings(mine, target.env.contract.failOn);
  return {
    failing: failing.map(describeFinding),
    shown: mine
      .filter((f) => !failing.includes(f))
      .map((f) => ({ severity: severityOf(f), text: describeFinding(f) })),
  };
}

function describeFinding(f: Finding): string {
  return `[${f.check}] ${f.title}\n    ${f.expected}\n    ${f.received}\n    ${f.curl}`;
}
