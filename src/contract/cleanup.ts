import type { TestCase } from '../cases/types.ts';
import { isExchangeError } from '../http/exchange-error.ts';
import { sendRequest } from '../http/send-request.ts';
import { toCurl } from '../http/to-curl.ts';
import type { CleanupLedger } from '../stateful/cleanup-ledger.ts';
import { buildRequest } from './build-request.ts';
import type { CaseRunner } from './execute-case.ts';

/** Time for the whole cleanup after a full run, and after Ctrl-C, a dead target or the request cap. */
export const cleanupBudgetMs = { normal: 60_000, stopped: 10_000 } as const;
const lanes = 4;

/**
 * Deletes what the run created, a few at a time within a time budget; no
 * checks run on these (housekeeping, not tests). It runs however the run
 * ended, so it never takes the run's abort signal: each DELETE has its own
 * timeout, capped by what is left of the budget. A 404 or 410 counts as
 * deleted. Returns how many requests it sent.
 */
export async function cleanup(ledger: CleanupLedger, runner: CaseRunner, budgetMs: number): Promise<number> {
  const deadline = Date.now() + budgetMs;
  const queue = ledger.pending();
  let next = 0;
  let sent = 0;
  const lane = async () => {
    while (next < queue.length) {
      const entry = queue[next++];
      const left = deadline - Date.now();
      if (left <= 0) {
        ledger.failed(entry, 'cleanup ran out of time');
        continue;
      }
      const request = buildRequest(runner.spec, entry.deleteOperation, deleteCase(entry), runner.target);
      try {
        sent++;
        const { response } = await (runner.send ?? sendRequest)(request, {
          timeoutMs: Math.min(runner.timeoutMs, left),
        });
        if (response.status < 300 || response.status === 404 || response.status === 410)
          ledger.markDeleted(entry.deleteOperation, entry.params);
        else ledger.failed(entry, `answered ${response.status}`);
      } catch (error) {
        if (!isExchangeError(error)) throw error;
        ledger.failed(entry, error.kind === 'timeout' ? 'timed out' : error.message);
      }
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  return sent;
}

/** A paste-ready DELETE per leftover that cleanup could name; credentials as `$ENV_VAR`. */
export function leftoverCurls(ledger: CleanupLedger, runner: CaseRunner): string[] {
  return ledger
    .pending()
    .map((entry) =>
      toCurl(
        buildRequest(runner.spec, entry.deleteOperation, deleteCase(entry), runner.target),
        runner.secrets,
      ),
    );
}

function deleteCase(entry: { deleteOperation: { id: string }; params: Record<string, unknown> }): TestCase {
  return {
    operationId: entry.deleteOperation.id,
    phase: 'stateful',
    expectation: 'any',
    description: 'cleanup',
    request: { pathParams: entry.params, query: {}, headers: {} },
  };
}
