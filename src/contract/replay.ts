import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addressesResource, firstOwnResource, isUnsafeMethod, sentMethod } from '../cases/own-resources.ts';
import type { IsValid, TestCase } from '../cases/types.ts';
import { TollgateError } from '../errors/tollgate-error.ts';
import { schemaValidatorFor } from '../schema/create-schema-validator.ts';
import type { Operation } from '../spec/types.ts';
import { CleanupLedger } from '../stateful/cleanup-ledger.ts';
import { runSequences } from '../stateful/run-sequences.ts';
import { selectChecks } from './check-selection.ts';
import { cleanup, cleanupBudgetMs } from './cleanup.ts';
import { type CaseRunner, executeCase } from './execute-case.ts';
import { contractDefaults } from './run-contract.ts';
import type { ContractInput, StoredCase } from './types.ts';

/**
 * `tollgate contract --replay <id>`: the stored case is sent again, exactly,
 * with today's credentials, and the same checks judge it. A stateful finding
 * replays its whole sequence (the resource it read is long gone). A write to
 * a resource (PUT/PATCH/DELETE on a valid id) goes to a resource created for
 * the replay, never to the stored id: the run's fixture is gone, and that id
 * may name someone else's resource by now. A case on a resource the run had
 * deleted (gone-cases.ts) goes to a resource created and deleted for the replay.
 */
export const CONTRACT_FILE = 'contract.json';

export function loadStoredCase(runDir: string, replayId: string): StoredCase {
  const file = join(runDir, CONTRACT_FILE);
  if (!existsSync(file))
    throw new TollgateError('TG_RUN_NOT_FOUND', `${file} does not exist; run \`tollgate contract\` first`);
  const data = JSON.parse(readFileSync(file, 'utf8')) as { replays?: Record<string, StoredCase> };
  const stored = data.replays?.[replayId];
  if (!stored)
    throw new TollgateError('TG_REPLAY_UNKNOWN', `no case with replay id "${replayId}" in ${file}`);
  return stored;
}

export interface ReplayResult {
  fixed: boolean;
  /** Titles of the original checks that still fail. */
  stillFailing: string[];
}

export async function replayCase(
  input: Omit<ContractInput, 'onProgress'>,
  stored: StoredCase,
): Promise<ReplayResult> {
  const o = { ...contractDefaults, ...input.options };
  const runner: CaseRunner = {
    spec: input.spec,
    target: { baseURL: input.baseURL, headers: input.headers, query: input.query },
    secrets: input.secrets,
    seed: o.seed,
    timeoutMs: o.timeoutMs,
    maxBodyBytes: o.maxResponseBytes,
    selection: selectChecks(o),
    handleMethodNotAllowed: o.handleMethodNotAllowed ?? false,
    maxResponseMs: o.maxResponseMs,
    followRedirects: o.followRedirects ?? false,
    envelope: o.envelope,
    signal: input.signal,
    send: input.send,
  };
  const byId = new Map(input.spec.operations.map((op) => [op.id, op]));
  const titles: string[] = [];
  const collect = (results: { check: string; failure: { title: string } }[]) => {
    for (const r of results)
      if (stored.checks.includes(r.check) && !titles.includes(r.failure.title)) titles.push(r.failure.title);
  };
  if (stored.sequenceOf) {
    const validator = schemaValidatorFor(input.spec);
    const isValid: IsValid = (schema, value) => validator.validate(schema, value, 'request').valid;
    const ledger = new CleanupLedger(input.spec, input.options.envelope);
    await runSequences(
      {
        spec: input.spec,
        seed: o.seed,
        isValid,
        ledger,
        signal: input.signal,
        include: () => true,
        execute: async (step) => {
          const outcome = await executeCase(runner, step.operation, step.testCase, step.attributeTo);
          if (outcome.error) throw outcome.error;
          collect(outcome.results);
          return outcome.exchange;
        },
      },
      'sequence',
      stored.sequenceOf,
    );
    await cleanup(ledger, runner, cleanupBudgetMs.normal);
    return { fixed: titles.length === 0, stillFailing: titles };
  }
  const operation = byId.get(stored.operationId);
  if (!operation)
    throw new TollgateError('TG_REPLAY_UNKNOWN', `operation ${stored.operationId} is no longer in the spec`);
  const validator = schemaValidatorFor(input.spec);
  const isValid: IsValid = (schema, value) => validator.validate(schema, value, 'request').valid;
  const writes =
    isUnsafeMethod(sentMethod(operation, stored.testCase)) &&
    addressesResource(input.spec, operation, stored.testCase.request.pathParams, isValid);
  const ledger = new CleanupLedger(input.spec, input.options.envelope);
  try {
    const gone = stored.testCase.tombstone === true;
    const testCase =
      writes || gone
        ? await onFreshResource(input, runner, operation, stored, isValid, ledger)
        : stored.testCase;
    // A case on a deleted resource replays on a fresh one, deleted first.
    if (gone) await cleanup(ledger, runner, cleanupBudgetMs.normal);
    const outcome = await executeCase(runner, operation, testCase);
    if (outcome.error)
      throw new TollgateError('TG_UNREACHABLE', outcome.error.message, { cause: outcome.error });
    const status = outcome.exchange?.response.status ?? 0;
    const answer = outcome.exchange?.response;
    if (gone && answer && status >= 200 && status < 300)
      for (const entry of ledger.tombstones()) ledger.reopen(entry, answer);
    collect(outcome.results);
    return { fixed: titles.length === 0, stillFailing: titles };
  } finally {
    if (ledger.entries.length) await cleanup(ledger, runner, cleanupBudgetMs.normal);
  }
}

/** The stored case, its path parameters moved to a resource created just for this replay. */
async function onFreshResource(
  input: Omit<ContractInput, 'onProgress'>,
  runner: CaseRunner,
  operation: Operation,
  stored: StoredCase,
  isValid: IsValid,
  ledger: CleanupLedger,
): Promise<TestCase> {
  const fixtures = await runSequences(
    {
      spec: input.spec,
      seed: runner.seed,
      isValid,
      ledger,
      signal: input.signal,
      include: () => true,
      execute: async (step) => (await executeCase(runner, step.operation, step.testCase)).exchange,
    },
    'fixture',
  );
  const binding = firstOwnResource(input.spec, operation, fixtures.bindings);
  if (!binding)
    throw new TollgateError(
      'TG_REPLAY_NO_RESOURCE',
      `replay ${stored.replayId} writes to ${operation.key}, and no resource could be created to replay it on (the stored id is not reused: it may name someone else's data now)`,
    );
  const request = stored.testCase.request;
  return { ...stored.testCase, request: { ...request, pathParams: { ...request.pathParams, ...binding } } };
}
