import { pathNames } from '../cases/own-resources.ts';
import { type CasePlan, planCases, selectOperations } from '../cases/plan-cases.ts';
import type { IsValid, TestCase } from '../cases/types.ts';
import { defaults } from '../config/defaults.ts';
import type { UserContractOptions } from '../config/types.ts';
import { closestNames } from '../errors/closest-names.ts';
import { TollgateError } from '../errors/tollgate-error.ts';
import { isExchangeError } from '../http/exchange-error.ts';
import { sendRequest } from '../http/send-request.ts';
import type { ContractResult } from '../run/model.ts';
import { schemaValidatorFor } from '../schema/create-schema-validator.ts';
import { specWarnings } from '../spec/spec-warnings.ts';
import type { LoadedSpec, Operation } from '../spec/types.ts';
import { CleanupLedger } from '../stateful/cleanup-ledger.ts';
import { runSequences, type StatefulOptions } from '../stateful/run-sequences.ts';
import { basePathNotice } from './base-path-notice.ts';
import { joinUrl } from './build-request.ts';
import { selectChecks } from './check-selection.ts';
import { cleanup, cleanupBudgetMs, leftoverCurls } from './cleanup.ts';
import { CredentialWatch } from './credential-watch.ts';
import { deletesLast } from './deletes-last.ts';
import { EnvelopeDetector } from './envelope-detection.ts';
import { type CaseRunner, executeCase } from './execute-case.ts';
import { planGone, runGone } from './gone-phase.ts';
import { groupFindings } from './group-findings.ts';
import { operationFence, pathMatches } from './operation-fence.ts';
import { runPool } from './pool.ts';
import { RepeatDeletes } from './repeat-deletes.ts';
import { operationIndex, RunState } from './run-state.ts';
import { spreadCases } from './spread-cases.ts';
import { statusCoverageFindings } from './status-coverage.ts';
import type { ContractInput, ContractOptions, ContractRun } from './types.ts';

/**
 * The contract engine: fixtures (resources to address), stateful sequences,
 * then every planned case through a bounded pool, then the DELETE cases on
 * the fixtures (last, one at a time, so they cannot pull a fixture from
 * under the other cases), then one request per operation to a resource the
 * run deleted (gone-phase.ts: the only safe way for a write to meet its
 * documented 404), then cleanup of whatever the run created. Writes
 * address only what the run created (src/cases/own-resources.ts). Findings
 * are data; nothing here prints. An unreachable target is TG_UNREACHABLE; a
 * target that dies mid-run stops the run, keeps what was gathered and marks
 * it aborted.
 */
export const contractDefaults: Required<UserContractOptions> = { ...defaults.contract };

export async function runContract(input: ContractInput): Promise<ContractRun> {
  const started = performance.now();
  const o = { ...contractDefaults, ...stripUndefined(input.options) };
  const { spec } = input;
  const selection = selectChecks(o);
  const validator = schemaValidatorFor(spec);
  const isValid: IsValid = (schema, value) => validator.validate(schema, value, 'request').valid;
  const send = input.send ?? sendRequest;
  const runner: CaseRunner = {
    spec,
    target: { baseURL: input.baseURL, headers: input.headers, query: input.query },
    secrets: input.secrets,
    seed: o.seed,
    timeoutMs: o.timeoutMs,
    maxBodyBytes: o.maxResponseBytes,
    selection,
    handleMethodNotAllowed: o.handleMethodNotAllowed ?? false,
    maxResponseMs: o.maxResponseMs,
    followRedirects: o.followRedirects ?? false,
    envelope: o.envelope,
    signal: input.signal,
    send,
  };
  const fence = operationFence(spec.operations, o);
  const filter = { operations: o.operations, tags: o.tags, skip: fence.skipped };
  const operations = selectOperations(spec, filter, o.readOnly);
  assertSomethingToTest(spec, operations, o);
  await preflight(spec, input.baseURL, send, o.timeoutMs, input.signal);

  const state = new RunState(selection.names);
  const included = new Set(operations.map((op) => op.id));
  const byId = operationIndex(spec);
  const ledger = new CleanupLedger(spec, o.envelope);
  // Cases the request cap kept from being sent, per operation id: the run is then incomplete.
  const notRun = new Map<string, number>();
  let aborted: { reason: string } | undefined;
  const stopped = () => aborted !== undefined || input.signal?.aborted === true;
  const detector = o.envelope ? undefined : new EnvelopeDetector();
  let phase: 'fixtures' | 'stateful' | 'cases' | 'cleanup' = 'fixtures';
  const credentials = new CredentialWatch();
  let total = 0;

  const execute = async (
    operation: Operation,
    testCase: TestCase,
    attributeTo?: Operation,
    sequenceOf?: string,
  ) => {
    if (stopped()) return undefined;
    if (state.requests >= o.maxRequests) {
      notRun.set(operation.id, (notRun.get(operation.id) ?? 0) + 1);
      return undefined;
    }
    const outcome = await executeCase(runner, operation, testCase, attributeTo);
    state.countAnswer(outcome);
    // Fixture steps on operations outside the selection are setup, not tests: sent, not judged.
    const judged = phase !== 'fixtures' || included.has(operation.id);
    // Credentials that stopped working mid-run: a 401/403 then says nothing about the operation.
    credentials.observe(
      operation,
      outcome.exchange,
      testCase.expectation === 'valid' && testCase.phase !== 'auth',
      {
        judge: () => (judged ? state.record(operation, testCase, outcome, sequenceOf) : state.requests++),
        skip: () => {
          state.requests++;
        },
      },
      fence.last(operation),
    );
    input.onProgress?.({ phase, done: state.cases, total, findings: state.findings.length });
    if (outcome.error?.kind === 'unreachable' && !(await answers(spec, input.baseURL, send, input.signal))) {
      aborted ??= { reason: `target stopped answering: ${outcome.error.message}` };
    }
    // A target that holds every request is not tested by waiting out each one.
    if (state.answered === 0 && state.unanswered >= noAnswerLimit)
      aborted ??= { reason: noAnswerReason(state, o) };
    const exchange = outcome.exchange;
    if (exchange) detector?.observe(testCase.expectation, exchange.response);
    if (!exchange && operation.method === 'post' && !testCase.request.method)
      ledger.unanswered(operation, testCase.request, outcome.error?.message ?? 'no answer');
    const created = exchange && exchange.response.status >= 200 && exchange.response.status < 300;
    if (created && testCase.phase !== 'stateful' && !testCase.request.method) {
      if (operation.method === 'post') {
        const create = { operation, request: testCase.request, response: exchange.response };
        ledger.recordFrom(create, ledger.bind(create));
      }
      if (operation.method === 'delete')
        ledger.deleteAnswered(operation, testCase.request.pathParams, exchange.response);
    }
    return exchange;
  };

  const stateful: StatefulOptions = {
    spec,
    seed: o.seed,
    isValid,
    ledger,
    signal: input.signal,
    include: (op) => included.has(op.id) && !fence.last(op),
    execute: (step) => execute(step.operation, step.testCase, step.attributeTo, step.sequenceOf),
  };
  let bindings: Record<string, Record<string, unknown>[]> = {};
  const problems: { operation: string; reason: string }[] = [];
  if (!o.readOnly) {
    // Any create may make the fixtures the selected operations address (`--operations updateAlbum` needs an album).
    const fixtures = operations.some((op) => pathNames(op.path).length > 0)
      ? await runSequences({ ...stateful, include: (op) => !fence.skipped(op) && !fence.last(op) }, 'fixture')
      : { bindings: {}, problems: [] };
    bindings = fixtures.bindings;
    phase = 'stateful';
    const sequences = await runSequences(stateful, 'sequence');
    problems.push(...fixtures.problems, ...sequences.problems);
  }

  phase = 'cases';
  const plan = planCases(
    spec,
    { seed: o.seed, maxCases: o.maxCases, readOnly: o.readOnly, bindings, oversizedBytes: o.oversizedBytes },
    isValid,
    filter,
  );
  // A header the user gives (token, tenant) has one real value: a "valid" case varying it cannot expect success.
  const given = new Set(Object.keys(input.headers).map((name) => name.toLowerCase()));
  const cases = plan.cases.filter(
    (c) => c.expectation !== 'valid' || !c.request.changedHeaders?.some((name) => given.has(name)),
  );
  total = state.cases + cases.length;
  const isLast = (c: TestCase) => {
    const operation = byId.get(c.operationId);
    return operation !== undefined && fence.last(operation);
  };
  const [shared, deletes] = deletesLast(
    spec,
    cases.filter((c) => !isLast(c)),
    byId,
    isValid,
  );
  const run = (testCase: TestCase) => {
    const operation = byId.get(testCase.operationId);
    return operation ? execute(operation, testCase).then(() => undefined) : Promise.resolve();
  };
  // More cases than the request cap allows: spread it so every operation gets its first cases.
  const overCap = state.requests + shared.length + deletes.length > o.maxRequests;
  await runPool(
    overCap ? spreadCases(shared) : shared,
    { workers: o.workers, ratePerSecond: o.rateLimit, shouldStop: stopped },
    run,
  );
  // One at a time; a valid DELETE on a fixture an earlier one removed is a gone case (repeat-deletes.ts).
  const repeats = new RepeatDeletes(o.envelope);
  await runPool(deletes, { workers: 1, ratePerSecond: o.rateLimit, shouldStop: stopped }, async (c) => {
    const operation = byId.get(c.operationId);
    if (operation) repeats.observe(operation, c, await execute(operation, repeats.rewrite(operation, c)));
  });
  if (!o.readOnly) {
    const gone = {
      spec,
      seed: o.seed,
      isValid,
      operations: operations.filter((op) => !fence.last(op)),
      ledger,
      bindings,
    };
    const cases = planGone(gone);
    total += cases.length;
    await runGone({ ...gone, execute: (operation, testCase) => execute(operation, testCase) }, cases);
  }

  // Included session-ending operations (a logout): after everything that needs the credentials.
  await runPool(cases.filter(isLast), { workers: 1, ratePerSecond: o.rateLimit, shouldStop: stopped }, run);

  credentials.release();
  phase = 'cleanup';
  if (input.signal?.aborted) aborted ??= { reason: 'interrupted' };
  if (state.answered === 0 && state.unanswered > 0) aborted ??= { reason: noAnswerReason(state, o) };
  const capped = notRun.size > 0;
  // Cleanup's DELETEs carry the credentials too: refused after they worked, they were lost.
  const watched: CaseRunner = {
    ...runner,
    send: async (request, options) => {
      const exchange = await send(request, options);
      credentials.observeCleanup(
        `${request.method} ${new URL(request.url).pathname}`,
        request.headers,
        exchange.response.status,
      );
      return exchange;
    },
  };
  state.requests += await cleanup(
    ledger,
    watched,
    aborted || capped ? cleanupBudgetMs.stopped : cleanupBudgetMs.normal,
  );

  const coverage = state.coverage(operations);
  if (o.requireStatusCoverage && !aborted) {
    for (const finding of statusCoverageFindings(coverage, input.baseURL)) state.findings.push(finding);
  }
  const seenProblems = new Set<string>();
  const generationProblems = [...problems, ...plan.generationProblems].filter((p) => {
    const key = `${p.operation}\u0000${p.reason}`;
    if (seenProblems.has(key)) return false;
    seenProblems.add(key);
    return true;
  });
  const lost = credentials.lost;
  const notices = [
    ...fence.notices,
    lost
      ? `credentials stopped working after ${lost.after}: secured requests answered ${lost.status} from ${lost.operation} on, and were not judged; exclude or fence that operation (--exclude-operations)`
      : undefined,
    detector?.suggestion(),
    basePathNotice(coverage, spec.basePath),
  ].filter((n): n is string => n !== undefined);
  return {
    seed: o.seed,
    durationMs: Math.round(performance.now() - started),
    cases: state.cases,
    findings: state.findings,
    groups: groupFindings(state.findings),
    perCheck: state.perCheck,
    operations: state.coverage(operations),
    generationProblems,
    ...(notices.length ? { notices } : {}),
    specWarnings: specWarnings(spec),
    unanswered: {
      requests: state.requests,
      timeouts: state.timeouts,
      connection: state.transportErrors,
      budget: o.maxUnanswered,
    },
    cleanup: { ...ledger.summary(), curls: leftoverCurls(ledger, runner) },
    budget: budgetReport(o, plan.cut, notRun, byId),
    ...(capped
      ? {
          incomplete: {
            reason: `request cap (maxRequests ${o.maxRequests}) reached: ${sum(notRun)} cases on ${notRun.size} operations not run`,
          },
        }
      : {}),
    ...(aborted ? { aborted } : {}),
    ...(lost ? { credentialsLost: lost } : {}),
    stats: {
      requests: state.requests,
      dropped: plan.dropped,
      timeouts: state.timeouts,
      transportErrors: state.transportErrors,
    },
    replays: state.replays,
  };
}

/**
 * Nothing measured is never a pass: a spec without operations, or a filter
 * naming an operation or tag the spec does not have, stops the run before
 * the first request, naming what matched nothing and the closest names.
 */
function assertSomethingToTest(spec: LoadedSpec, selected: Operation[], o: ContractOptions): void {
  const fail = (message: string) => {
    throw new TollgateError('TG_NOTHING_TO_TEST', message);
  };
  if (spec.operations.length === 0) {
    const webhooks = (spec.document as { webhooks?: object }).webhooks;
    fail(
      `${spec.source} has no operations under "paths"${webhooks ? ` (only webhooks: ${Object.keys(webhooks).join(', ')}; tollgate tests paths, not webhooks)` : ''}: nothing to test`,
    );
  }
  const ids = spec.operations.flatMap((op) => [op.id, op.key]);
  for (const name of o.operations ?? []) {
    if (!ids.includes(name))
      fail(
        `--operations: no operation "${name}" in ${spec.source}${closest(
          name,
          spec.operations.map((op) => op.id),
        )}`,
      );
  }
  const tags = [...new Set(spec.operations.flatMap((op) => op.tags))];
  for (const tag of o.tags ?? []) {
    if (!tags.includes(tag))
      fail(`--tags: no operation has tag "${tag}" in ${spec.source}${closest(tag, tags)}`);
  }
  for (const name of o.excludeOperations ?? []) {
    if (!ids.includes(name))
      fail(
        `--exclude-operations: no operation "${name}" in ${spec.source}${closest(
          name,
          spec.operations.map((op) => op.id),
        )}`,
      );
  }
  const paths = [...new Set(spec.operations.map((op) => op.path))];
  for (const path of o.excludePaths ?? []) {
    if (!paths.some((p) => pathMatches(path, p)))
      fail(
        `--exclude-paths: no operation path is or is below "${path}" in ${spec.source}${closest(path, paths)}`,
      );
  }
  for (const tag of o.excludeTags ?? []) {
    if (!tags.includes(tag))
      fail(`--exclude-tags: no operation has tag "${tag}" in ${spec.source}${closest(tag, tags)}`);
  }
  if (selected.length === 0) {
    fail(
      `--operations/--tags match no ${o.readOnly ? 'safe (GET, HEAD, OPTIONS) operation of this readOnly environment' : 'operation'} in ${spec.source}`,
    );
  }
}

function closest(name: string, known: string[]): string {
  const near = closestNames(name, known);
  return near.length
    ? ` (closest: ${near.join(', ')})`
    : ` (known: ${known.slice(0, 8).join(', ')}${known.length > 8 ? ', ...' : ''})`;
}

/** Unanswered requests, none answered, after which a run stops: the target is not answering. */
const noAnswerLimit = 12;

function noAnswerReason(state: RunState, o: { timeoutMs: number }): string {
  return `no request got an answer (${state.timeouts} timed out after ${o.timeoutMs} ms, ${state.transportErrors} connection errors)`;
}

async function preflight(
  spec: LoadedSpec,
  baseURL: string,
  send: NonNullable<ContractInput['send']>,
  timeoutMs: number,
  signal?: AbortSignal,
) {
  const url = joinUrl(baseURL, spec.basePath, '/');
  try {
    await send({ method: 'GET', url, headers: {} }, { timeoutMs, signal });
  } catch (error) {
    if (!isExchangeError(error) || error.kind === 'aborted') throw error;
    throw new TollgateError('TG_UNREACHABLE', `${url} did not answer: ${error.message}`, { cause: error });
  }
}

/** Whether the target still answers anything (after a connection failure). */
async function answers(
  spec: LoadedSpec,
  baseURL: string,
  send: NonNullable<ContractInput['send']>,
  signal?: AbortSignal,
) {
  try {
    await send(
      { method: 'GET', url: joinUrl(baseURL, spec.basePath, '/'), headers: {} },
      { timeoutMs: 2000, signal },
    );
    return true;
  } catch {
    return false;
  }
}

/** What the budgets cut: cases and operations the request cap kept from running, and what --max-cases left out. */
function budgetReport(
  o: Required<UserContractOptions>,
  cut: CasePlan['cut'],
  notRun: Map<string, number>,
  byId: Map<string, Operation>,
): ContractResult['budget'] {
  return {
    maxRequests: o.maxRequests,
    maxCases: o.maxCases,
    notRun: {
      cases: sum(notRun),
      operations: [...notRun.keys()].map((id) => byId.get(id)?.key ?? id),
    },
    cutByMaxCases: { cases: cut.cases, operations: cut.operations.length },
  };
}

function sum(counts: Map<string, number>): number {
  return [...counts.values()].reduce((a, b) => a + b, 0);
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
