import { goneCases } from '../cases/gone-cases.ts';
import type { Bindings } from '../cases/own-resources.ts';
import type { IsValid, TestCase } from '../cases/types.ts';
import type { Exchange } from '../http/types.ts';
import type { LoadedSpec, Operation } from '../spec/types.ts';
import type { CleanupLedger, DeletableEntry } from '../stateful/cleanup-ledger.ts';

/**
 * After the deletes: one valid request per selected operation to a resource
 * the run created and deleted (src/cases/gone-cases.ts), one at a time, so a
 * documented 404 of a write is seen without touching anything the run does
 * not own. Nothing new should come of it; if something does (a nested POST
 * answering 201, a PUT that upserts, a delete that did not take), the
 * ledger hears of it so cleanup still removes it.
 */
export interface GonePhase {
  spec: LoadedSpec;
  seed: number;
  isValid: IsValid;
  operations: Operation[];
  ledger: CleanupLedger;
  bindings: Bindings;
  execute: (operation: Operation, testCase: TestCase) => Promise<Exchange | undefined>;
}

export function planGone(phase: Omit<GonePhase, 'execute'>): TestCase[] {
  const tombstones = phase.ledger
    .tombstones()
    .map((e) => ({ path: e.deleteOperation.path, params: e.params }));
  return goneCases(phase, phase.operations, tombstones);
}

export async function runGone(phase: GonePhase, cases: TestCase[]): Promise<void> {
  const byId = new Map(phase.operations.map((op) => [op.id, op]));
  const tombstones = phase.ledger.tombstones();
  for (const testCase of cases) {
    const operation = byId.get(testCase.operationId);
    if (!operation) continue;
    const exchange = await phase.execute(operation, testCase);
    if (!exchange || exchange.response.status < 200 || exchange.response.status >= 300) continue;
    if (operation.method === 'delete') continue;
    // It answered as if the resource were there: make sure cleanup deletes it (again).
    for (const entry of tombstones)
      if (under(entry, operation, testCase)) phase.ledger.reopen(entry, exchange.response);
    if (operation.method === 'post') {
      const create = { operation, request: testCase.request, response: exchange.response };
      phase.ledger.recordFrom(create, phase.ledger.bind(create));
    }
  }
}

function under(entry: DeletableEntry, operation: Operation, testCase: TestCase): boolean {
  const path = entry.deleteOperation.path;
  if (operation.path !== path && !operation.path.startsWith(`${path}/`)) return false;
  return Object.entries(entry.params).every(
    ([name, value]) => String(testCase.request.pathParams[name]) === String(value),
  );
}
