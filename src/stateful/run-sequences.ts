import { baselineRequest } from '../cases/baseline.ts';
import { createRng, deriveSeed } from '../cases/prng.ts';
import { GenerationProblem } from '../cases/schema-view.ts';
import type { CaseRequest, IsValid, TestCase } from '../cases/types.ts';
import type { CaseExpectation } from '../checks/types.ts';
import type { Exchange } from '../http/types.ts';
import type { LoadedSpec, Operation } from '../spec/types.ts';
import type { CleanupLedger } from './cleanup-ledger.ts';
import { type BoundOperation, pathParamNames, resourceOperations } from './resource-links.ts';

/**
 * Stateful sequences, one per resource kind: create -> read ('present') ->
 * nested creates (create track -> read track) -> update -> read -> delete ->
 * read ('gone'). Fixture mode stops after the creates and keeps the
 * resources, so positive cases can address ids that exist; the ledger
 * deletes them at the end. The engine sends and checks (`execute`); this
 * file only decides what comes next.
 */
interface StatefulStep {
  operation: Operation;
  testCase: TestCase;
  /** The operation whose promise this step checks: the create for 'present', the delete for 'gone'. */
  attributeTo?: Operation;
  /** The top-level create whose sequence this step belongs to (replay runs it again). */
  sequenceOf: string;
}

type Execute = (step: StatefulStep) => Promise<Exchange | undefined>;

export interface StatefulOptions {
  spec: LoadedSpec;
  seed: number;
  isValid: IsValid;
  execute: Execute;
  ledger: CleanupLedger;
  include: (operation: Operation) => boolean;
  signal?: AbortSignal;
  /** Nested creates below the top-level resource. Default 2. */
  maxDepth?: number;
}

export interface StatefulReport {
  sequences: number;
  problems: { operation: string; reason: string }[];
  /** Fixture mode: path parameter sets per operation id for resources that now exist. */
  bindings: Record<string, Record<string, unknown>[]>;
}

export async function runSequences(
  options: StatefulOptions,
  mode: 'sequence' | 'fixture',
  only?: string,
): Promise<StatefulReport> {
  const report: StatefulReport = { sequences: 0, problems: [], bindings: {} };
  for (const producer of topLevelProducers(options)) {
    if (options.signal?.aborted) break;
    if (only && producer.id !== only) continue;
    report.sequences++;
    await runResource({ ...options, root: producer.id }, report, mode, producer, {}, 0);
  }
  return report;
}

/**
 * A producer is a POST without path parameters that has operations below it
 * (the rule the cleanup ledger uses): `POST /base/logout` or `POST /login`
 * creates nothing a later step could address, so it is no fixture.
 */
function topLevelProducers(options: Pick<StatefulOptions, 'spec' | 'include'>): Operation[] {
  return options.spec.operations.filter(
    (op) =>
      op.method === 'post' &&
      pathParamNames(op).length === 0 &&
      options.include(op) &&
      resourceOperations(options.spec, op).length > 0,
  );
}

async function runResource(
  options: StatefulOptions & { root: string },
  report: StatefulReport,
  mode: 'sequence' | 'fixture',
  producer: Operation,
  parentParams: Record<string, unknown>,
  depth: number,
): Promise<void> {
  const { spec, execute } = options;
  const rng = createRng(deriveSeed(options.seed, producer.id, 'stateful', mode, String(depth)));
  const requestFor = (operation: Operation, params: Record<string, unknown>): CaseRequest | undefined => {
    try {
      return baselineRequest(
        { spec, operation, options: { seed: options.seed, maxCases: 1 }, isValid: options.isValid },
        rng,
        {
          binding: params,
        },
      );
    } catch (error) {
      if (!(error instanceof GenerationProblem)) throw error;
      report.problems.push({ operation: operation.key, reason: `stateful: ${error.message}` });
      return undefined;
    }
  };
  const step = (
    operation: Operation,
    request: CaseRequest,
    expectation: CaseExpectation,
    what: string,
    attributeTo?: Operation,
  ) =>
    options.signal?.aborted
      ? Promise.resolve(undefined)
      : execute({
          operation,
          attributeTo,
          sequenceOf: options.root,
          testCase: statefulCase(operation, request, expectation, what),
        });

  const createRequest = requestFor(producer, parentParams);
  if (!createRequest) return;
  const created = await step(producer, createRequest, 'valid', `${mode}: create`);
  if (!created || created.response.status < 200 || created.response.status >= 300) return;
  const create = { operation: producer, request: createRequest, response: created.response };
  const everyBound = options.ledger.bind(create);
  // The ledger hears of every create, even when its DELETE is not among the selected operations:
  // cleanup is housekeeping, not a test, and the run must not leave litter behind.
  options.ledger.recordFrom(
    { operation: producer, request: createRequest, response: created.response },
    everyBound,
  );
  const bound = everyBound.filter((b) => options.include(b.operation));
  const reads = bound.filter((b) => b.operation.method === 'get');
  const del = bound.find((b) => b.operation.method === 'delete');
  const main = mainRead(reads, del);
  // Only the read of the resource itself carries the create's promise; other linked reads
  // (its sub-collections) are checked for conformance only.
  for (const read of reads) {
    const promise = read === main;
    await step(
      read.operation,
      bareRequest(read),
      promise ? 'present' : 'any',
      `read after ${producer.id}`,
      promise ? producer : undefined,
    );
  }
  const nested = nestedProducers(options, producer, bound);
  for (const b of [...bound, ...nested]) {
    report.bindings[b.operation.id] = [...(report.bindings[b.operation.id] ?? []), b.params];
  }
  if (depth < (options.maxDepth ?? 2)) {
    for (const child of nested)
      await runResource(options, report, mode, child.operation, child.params, depth + 1);
  }
  if (mode === 'fixture') return;

  for (const update of bound.filter((b) => b.operation.method === 'put' || b.operation.method === 'patch')) {
    const request = requestFor(update.operation, update.params);
    if (!request) continue;
    const updated = await step(update.operation, request, 'valid', `update after ${producer.id}`);
    if (main && updated && updated.response.status < 300) {
      await step(
        main.operation,
        bareRequest(main),
        'present',
        `read after ${update.operation.id}`,
        update.operation,
      );
    }
  }
  if (!del) return;
  const deleted = await step(del.operation, bareRequest(del), 'valid', `delete after ${producer.id}`);
  if (!deleted || deleted.response.status >= 300) return;
  if (options.ledger.deleteAnswered(del.operation, del.params, deleted.response) !== undefined) return;
  if (main)
    await step(main.operation, bareRequest(main), 'gone', `read after ${del.operation.id}`, del.operation);
}

/** POST operations under a bound path whose parameters the new resource fills (create track in album). */
function nestedProducers(
  options: StatefulOptions,
  producer: Operation,
  bound: BoundOperation[],
): BoundOperation[] {
  const out: BoundOperation[] = [];
  for (const operation of options.spec.operations) {
    if (operation.method !== 'post' || operation.id === producer.id || !options.include(operation)) continue;
    const names = pathParamNames(operation);
    if (names.length === 0) continue;
    const host = bound.find(
      (b) =>
        (operation.path === b.operation.path || operation.path.startsWith(`${b.operation.path}/`)) &&
        names.every((n) => b.params[n] !== undefined),
    );
    if (host) out.push({ operation, params: pick(host.params, names), source: host.source });
  }
  return out;
}

/** The GET of the resource itself: same path as its DELETE, else the one its Location names, else the first. */
function mainRead(reads: BoundOperation[], del: BoundOperation | undefined): BoundOperation | undefined {
  return (
    reads.find((r) => r.operation.path === del?.operation.path) ??
    reads.find((r) => r.source === 'location') ??
    reads[0]
  );
}

function pick(params: Record<string, unknown>, names: string[]): Record<string, unknown> {
  return Object.fromEntries(names.map((n) => [n, params[n]]));
}

function bareRequest(bound: BoundOperation): CaseRequest {
  return { pathParams: { ...bound.params }, query: {}, headers: {} };
}

function statefulCase(
  operation: Operation,
  request: CaseRequest,
  expectation: CaseExpectation,
  what: string,
): TestCase {
  return { operationId: operation.id, phase: 'stateful', expectation, description: what, request };
}
