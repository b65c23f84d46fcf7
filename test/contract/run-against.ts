import { resolve } from 'node:path';
import { runContract } from '../../src/contract/run-contract.ts';
import type { ContractOptions, ContractRun } from '../../src/contract/types.ts';
import { loadSpec } from '../../src/spec/load-spec.ts';
import { startAlbumsApi } from '../support/albums-server.ts';

const specPath = resolve(import.meta.dirname, '../../specs/albums.openapi.yaml');

/** Starts the reference API with these faults (and environment), runs the engine once, stops the API. */
export async function runAgainstAlbums(
  faults: string[],
  options: ContractOptions = {},
  env: Record<string, string> = {},
): Promise<ContractRun> {
  const api = await startAlbumsApi({ faults, env });
  try {
    const spec = await loadSpec(specPath);
    return await runContract({
      spec,
      baseURL: api.baseURL,
      headers: { authorization: `Bearer ${api.token}` },
      secrets: [{ value: api.token, envName: 'TOLLGATE_TOKEN' }],
      options: { maxCases: 5, workers: 4, ...options },
    });
  } finally {
    await api.stop();
  }
}

/** `check | operation` for every finding, for readable assertion messages. */
export function describeFindings(run: ContractRun): string[] {
  return run.groups.map((g) => `${g.check} | ${g.operation} | ${g.title} x${g.count}`);
}
