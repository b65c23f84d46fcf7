import type { TestCase } from '../cases/types.ts';
import { isExchangeError } from '../http/exchange-error.ts';
import { sendRequest } from '../http/send-request.ts';
import { toCurl } from '../http/to-curl.ts';
import type { CleanupLedger, DeletableEntry } from '../stateful/cleanup-ledger.ts';
import { deleteRefusal } from '../stateful/delete-refusal.ts';
import { buildRequest } from './build-request.ts';
import type { CaseRunner } from './execute-case.ts';

/** Time for the whole cleanup after a full run, and after Ctrl-C, a dead target or the request cap. */
export const cleanupBudgetMs = { normal: 60_000, stopped: 10_000 } as const;
const lanes = 4;

/**
 * Deletes what the run created within a time budget; no checks run on these
 * (housekeeping, not tests). Newest first, so a child (a track, a user
 * holding a role) goes before what it depends on, a few at a time; then
 * each DELETE that did not take is tried once more, one at a time, newest
 * first. It runs however the run ended, so it never takes the run's abort
 * signal: each DELETE has its own timeout, capped by what is left of the
 * budget. A 404 or 410 counts as deleted; a 2xx whose envelope refuses
 * (`{"code": 7}`) does not. Returns how many requests it sent.
 */
export async function cleanup(ledger: CleanupLedger, runner: CaseRunner, budgetMs: number): Promise<number> {
  const deadline = Date.now() + budgetMs;
  let sent = 0;
  const attempt = async (entry: DeletableEntry, again: boolean) => {
    const left = deadline - Date.now();
    if (left <= 0) {
      ledger.failed(
        entry,
        again ? `${entry.reason} (not tried again: cleanup ran out of time)` : 'cleanup ran out of time',
      );
      return;
    }
    const request = buildRequest(runner.spec, entry.deleteOperation, deleteCase(entry), runner.target);
    let why: string | undefined;
    try {
      sent++;
      const { response } = await (runner.send ?? sendRequest)(request, {
        timeoutMs: Math.min(runner.timeoutMs, left),
      });
      why = ledger.deleteAnswered(entry.deleteOperation, entry.params, response);
      // Refused twice inside a 2xx ("record not found" as code 7): gone already if its read says so.
      if (why !== undefined && again && response.status < 300) {
        const gone = await goneAlready(entry, runner, deadline);
        if (gone !== undefined) sent++;
        if (gone) why = ledger.deleteAnswered(entry.deleteOperation, entry.params, { status: 404 });
      }
    } catch (error) {
      if (!isExchangeError(error)) throw error;
      why = error.kind === 'timeout' ? 'timed out' : error.message;
    }
    if (why !== undefined) ledger.failed(entry, again ? `${why} (tried twice)` : why);
  };
  await inLanes(ledger.pending().reverse(), lanes, (entry) => attempt(entry, false));
  await inLanes(ledger.pending().reverse(), 1, (entry) => attempt(entry, true));
  return sent;
}

/** Whether the resource's GET answers 404, 410 or an envelope refusal: already gone; undefined when not asked. */
async function goneAlready(
  entry: DeletableEntry,
  runner: CaseRunner,
  deadline: number,
): Promise<boolean | undefined> {
  const read = runner.spec.operations.find(
    (op) => op.method === 'get' && op.path === entry.deleteOperation.path,
  );
  const left = deadline - Date.now();
  if (!read || left <= 0) return undefined;
  const testCase = { ...deleteCase(entry), operationId: read.id };
  const request = buildRequest(runner.spec, read, testCase, runner.target);
  const { response } = await (runner.send ?? sendRequest)(request, {
    timeoutMs: Math.min(runner.timeoutMs, left),
  });
  if (response.status === 404 || response.status === 410) return true;
  return response.status < 300 && deleteRefusal(response, runner.envelope) !== undefined;
}

async function inLanes<T>(queue: T[], count: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < queue.length) await work(queue[next++]);
  };
  await Promise.all(Array.from({ length: count }, lane));
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
