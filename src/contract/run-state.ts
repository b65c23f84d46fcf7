import type { TestCase } from '../cases/types.ts';
import { checkRegistry } from '../checks/registry.ts';
import type { Finding, OperationCoverage } from '../run/model.ts';
import type { LoadedSpec, Operation } from '../spec/types.ts';
import { coverageOf, emptyTally, type OperationTally } from './coverage.ts';
import type { CaseOutcome } from './execute-case.ts';
import type { StoredCase } from './types.ts';

/**
 * Everything a run gathers while cases come back: findings, per-check and
 * per-operation counts, latencies, and the cases replay needs. Kept apart
 * from the scheduling so `runPlannedCases` and `runContract` share it.
 */
export class RunState {
  readonly findings: Finding[] = [];
  readonly perCheck: Record<string, { cases: number; failures: number }> = {};
  readonly replays: Record<string, StoredCase> = {};
  readonly tallies = new Map<string, OperationTally>();
  /** Warnings already reported: check, operation and what makes them the same (status or code). */
  private readonly warned = new Set<string>();
  cases = 0;
  requests = 0;
  /** Requests that got an HTTP answer, and those that timed out or could not connect. */
  answered = 0;
  timeouts = 0;
  transportErrors = 0;

  constructor(private readonly checkNames: string[]) {
    for (const name of checkNames) this.perCheck[name] = { cases: 0, failures: 0 };
  }

  record(operation: Operation, testCase: TestCase, outcome: CaseOutcome, sequenceOf?: string): void {
    this.cases++;
    this.requests++;
    const countable = testCase.expectation !== 'undeclared-method';
    const tally = this.tallyFor(operation.id);
    if (countable) tally.cases++;
    if (outcome.error) return;
    const exchange = outcome.exchange;
    if (!exchange) return;
    if (countable) {
      const status = String(exchange.response.status);
      tally.seen[status] = (tally.seen[status] ?? 0) + 1;
      tally.latencies.push(exchange.response.elapsedMs);
    }
    const failed = new Set(outcome.results.map((r) => r.check));
    for (const name of this.checkNames) {
      this.perCheck[name].cases++;
      if (failed.has(name)) this.perCheck[name].failures++;
    }
    outcome.findings.forEach((finding, i) => {
      if (checkRegistry.get(finding.check)?.oncePerOperation && this.reported(finding)) return;
      const failure = outcome.results[i]?.failure;
      if (failure?.severity === 'warning' || failure?.severity === 'info') {
        const key = `${finding.check} ${finding.operation} ${failure.onceKey ?? exchange.response.status}`;
        if (this.warned.has(key)) return;
        this.warned.add(key);
      }
      this.addFinding(finding, testCase, sequenceOf);
    });
  }

  /** Every request sent counts here, judged or not (fixture setup, cleanup). */
  countAnswer(outcome: CaseOutcome): void {
    if (outcome.exchange) this.answered++;
    else if (outcome.error?.kind === 'timeout') this.timeouts++;
    else if (outcome.error?.kind === 'unreachable') this.transportErrors++;
  }

  get unanswered(): number {
    return this.timeouts + this.transportErrors;
  }

  addFinding(finding: Finding, testCase: TestCase, sequenceOf?: string): void {
    // A route registered with the other trailing slash redirects every case alike: one finding per operation.
    if (
      finding.check === 'undocumented-redirect' &&
      this.findings.some((f) => f.check === finding.check && f.operation === finding.operation)
    )
      return;
    this.findings.push(finding);
    this.replays[finding.replayId] ??= {
      replayId: finding.replayId,
      operationId: testCase.operationId,
      case: { phase: testCase.phase, expectation: testCase.expectation, description: testCase.description },
      testCase,
      ...(sequenceOf ? { sequenceOf } : {}),
      titles: [],
      checks: [],
    };
    const stored = this.replays[finding.replayId];
    if (!stored.titles.includes(finding.title)) stored.titles.push(finding.title);
    if (!stored.checks.includes(finding.check)) stored.checks.push(finding.check);
  }

  private reported(finding: Finding): boolean {
    return this.findings.some((f) => f.check === finding.check && f.operation === finding.operation);
  }

  coverage(operations: Operation[]): OperationCoverage[] {
    const perOperation = new Map<string, number>();
    for (const f of this.findings) perOperation.set(f.operation, (perOperation.get(f.operation) ?? 0) + 1);
    return operations.map((op) => {
      const tally = this.tallyFor(op.id);
      return coverageOf(op, { ...tally, findings: perOperation.get(op.key) ?? 0 });
    });
  }

  private tallyFor(id: string): OperationTally {
    let tally = this.tallies.get(id);
    if (!tally) {
      tally = emptyTally();
      this.tallies.set(id, tally);
    }
    return tally;
  }
}

/** Index operations by id for the scheduler. */
export function operationIndex(spec: LoadedSpec): Map<string, Operation> {
  return new Map(spec.operations.map((op) => [op.id, op]));
}
