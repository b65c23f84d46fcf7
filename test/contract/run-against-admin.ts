import { runContract } from '../../src/contract/run-contract.ts';
import type { ContractOptions, ContractRun, Send } from '../../src/contract/types.ts';
import { loadSpec } from '../../src/spec/load-spec.ts';
import { adminSnapshot, adminSpecPath, loginAdmin, startAdminApi } from '../support/admin-server.ts';
import type { GoApi } from '../support/go-api.ts';

/** The config a user of this envelope API writes (examples/admin-api/README.md). */
export const adminEnvelope = { code: '/code', ok: [0], message: '/msg', data: '/data' };

export interface AdminRun {
  run: ContractRun;
  /** Users, roles and files before and after the run, read with a token of the test's own. */
  before: Record<string, string[]>;
  after: Record<string, string[]>;
}

/** Starts admin-api with these faults, runs the engine once with the envelope config, stops it. */
export async function runAgainstAdmin(
  faults: string[],
  options: ContractOptions = {},
  send?: Send,
): Promise<AdminRun> {
  const api = await startAdminApi({ faults });
  try {
    const own = await loginAdmin(api.baseURL);
    const before = await adminSnapshot(api.baseURL, own);
    const run = await runOnAdmin(api, options, send);
    return { run, before, after: await adminSnapshot(api.baseURL, own) };
  } finally {
    await api.stop();
  }
}

/** One engine run with the envelope config on a running admin-api. */
export async function runOnAdmin(
  api: GoApi,
  options: ContractOptions = {},
  send?: Send,
): Promise<ContractRun> {
  return runContract({
    spec: await loadSpec(adminSpecPath),
    baseURL: api.baseURL,
    headers: { authorization: `Bearer ${api.token}` },
    secrets: [{ value: api.token, envName: 'TOLLGATE_TOKEN' }],
    options: { workers: 4, envelope: adminEnvelope, ...options },
    ...(send ? { send } : {}),
  });
}

/** Findings that fail the default gate: errors (a finding without a severity is one). */
export function errorLines(run: ContractRun): string[] {
  return run.groups
    .filter((g) => ((g as { severity?: string }).severity ?? 'error') === 'error')
    .map((g) => `${g.check} | ${g.operation} | ${g.title}`);
}
