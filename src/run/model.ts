import type { CommandRun } from '../command/types.ts';
import type { CompareResult } from '../compare/types.ts';

export type { CommandRun } from '../command/types.ts';
export type { CompareResult, MetricResult } from '../compare/types.ts';

import type { DiffResult } from '../diff/types.ts';
import type { RequestRecord, ResponseRecord } from '../http/types.ts';
import type { SpecWarning } from '../spec/spec-warnings.ts';

export type { DiffFinding, DiffResult, SpecLocation } from '../diff/types.ts';

/**
 * The one run model: `reports/<run>/run.json`. Every output (HTML, JUnit,
 * Markdown, console) is rendered from it and nothing else. Times are ISO
 * strings, durations milliseconds.
 */
export interface RunModel {
  schemaVersion: 1;
  id: string;
  /** Environment name, or 'adhoc' for --spec/--base-url runs. */
  env: string;
  /** The base URL as the user would see it (no credentials). */
  baseURL: string;
  startedAt: string;
  durationMs: number;
  tool: { name: 'tollgate'; version: string };
  git?: { commit: string; branch?: string; dirty?: boolean };
  spec?: { source: string; title: string; version: string; format: string };
  verdict: Verdict;
  /** True when the run was interrupted (Ctrl-C, server died); what ran is still here. */
  aborted?: { reason: string };
  stages: StageResult[];
  /** Every gate of every stage, flattened, in order. */
  gates: GateResult[];
  contract?: ContractResult;
  load?: LoadResult[];
  suites?: SuiteResult;
  /** Breaking changes between the deployed spec and the repo's (`diff` stage). */
  diff?: DiffResult;
  /** Traffic held through a deploy command (`tollgate watch`). */
  watch?: WatchResult;
  /** Baseline against candidate (`tollgate compare`). */
  compare?: CompareResult;
  /** Relative path of the Playwright HTML report of this run, when suites ran. */
  playwrightReport?: string;
  /** Deltas against the previous run of the same environment, when there was one. */
  trends?: Trends;
}

export type Verdict = 'pass' | 'fail' | 'error';

export interface StageResult {
  name: string;
  kind: 'generate-check' | 'contract' | 'suites' | 'load' | 'diff' | 'watch' | 'compare';
  verdict: Verdict | 'skipped';
  durationMs: number;
  /** One line: what happened (e.g. "3 findings in 412 cases"). */
  summary: string;
  /** When verdict is 'error': the one-line error. */
  error?: string;
}

// ---------------------------------------------------------------- gates

export interface GateResult {
  /** The gate as written: `latency.p99`, `errors.rate`, `contract.findings`. */
  name: string;
  /** Which stage or profile it belongs to: `load:baseline`, `contract`. */
  scope: string;
  /** As written: `<250ms`. */
  threshold: string;
  /** Measured value in the gate's unit (ms, ratio 0..1, rps, count); null when not measurable. */
  measured: number | null;
  /** The measured value formatted like the threshold: `212.4ms`, `0.3%`. */
  measuredText: string;
  verdict: 'pass' | 'fail' | 'unreliable';
  /** Why a gate is unreliable or failed beyond the numbers (e.g. "generator CPU saturated"). */
  note?: string;
  /** PromQL gates: the query as sent to Prometheus (placeholders filled in) and the evaluation time, unix seconds. */
  promql?: { query: string; time: number };
}

// ---------------------------------------------------------------- contract

export interface ContractResult {
  seed: number;
  durationMs: number;
  cases: number;
  findings: Finding[];
  /** Findings grouped by cause (check + operation + location), with counts. */
  groups: FindingGroup[];
  perCheck: Record<string, { cases: number; failures: number }>;
  operations: OperationCoverage[];
  /** Operations where no valid value could be generated, and why. */
  generationProblems: { operation: string; reason: string }[];
  /**
   * Resources the run may have created (every 2xx answer to a create) and
   * what cleanup did: `leftover` names what is still on the server and why,
   * `curls` holds a paste-ready DELETE for each leftover cleanup could name.
   */
  cleanup: { created: number; deleted: number; leftover: string[]; curls?: string[] };
  /**
   * What the budgets cut: cases and operations the request cap kept from
   * running (the run is then `incomplete`), and generated cases --max-cases left out.
   */
  budget?: {
    maxRequests: number;
    maxCases: number;
    notRun: { cases: number; operations: string[] };
    cutByMaxCases: { cases: number; operations: number };
  };
  /** Set when a budget stopped cases from running: not a pass, whatever the findings. */
  incomplete?: { reason: string };
  /**
   * Secured requests that got past auth started answering 401/403 mid-run
   * (a logout, a revoked token): from then on those answers were not judged.
   * Not a pass, whatever the findings. `after`: the operation answered just before.
   */
  credentialsLost?: { after: string; status: number; operation: string };
  /** One-line notices about the run itself (an envelope that looks unconfigured, ...); not findings. */
  notices?: string[];
  /** Smells in the spec itself, each once; not findings (absent in run.json files older than them). */
  specWarnings?: SpecWarning[];
  /**
   * Requests sent and those that got no answer (timed out, connection
   * failed); more than `budget` of them unanswered fails the run.
   */
  unanswered?: { requests: number; timeouts: number; connection: number; budget: string };
}

/**
 * How much a finding matters: only errors fail the default gate and exit 1;
 * warnings (e.g. a valid request rejected with a documented 4xx: the spec is
 * incomplete, not the server wrong) fail only with `--fail-on warning`.
 */
export type Severity = 'error' | 'warning' | 'info';

/** A finding without a severity (run.json written before severities) is an error. */
export function severityOf(finding: { severity?: Severity }): Severity {
  return finding.severity ?? 'error';
}

/** The findings that fail a run: errors, and warnings too when `failOn` is 'warning'. */
export function failingFindings<F extends { severity?: Severity }>(
  findings: F[],
  failOn: 'error' | 'warning' = 'error',
): F[] {
  return findings.filter((f) => {
    const severity = severityOf(f);
    return severity === 'error' || (failOn === 'warning' && severity === 'warning');
  });
}

export interface Finding {
  check: string;
  /** error, warning or info; absent means error. */
  severity?: Severity;
  /** `GET /v1/albums/{id}` */
  operation: string;
  title: string;
  expected: string;
  received: string;
  /** Where in the schema or response it went wrong (JSON pointer), when known. */
  location?: string;
  /** Redacted and truncated. */
  request: RequestRecord;
  response: Omit<ResponseRecord, 'json'>;
  /** Paste-ready; credentials appear as `$ENV_VAR`, never their values. */
  curl: string;
  replayId: string;
  /** The case phase that produced it: examples, positive, boundary, negative, methods, auth, stateful. */
  phase: string;
}

/** `3 of 120 requests unanswered (2 timed out, 1 connection error)`: every report says it the same way. */
export function unansweredText(u: NonNullable<ContractResult['unanswered']>): string {
  return `${u.timeouts + u.connection} of ${u.requests} requests unanswered (${u.timeouts} timed out, ${u.connection} connection errors; budget ${u.budget})`;
}

/**
 * What the budgets cut, as every report says it: the request cap (the run is
 * incomplete, with the operations not run) and the generated cases
 * `--max-cases` left out (each operation still ran, within its cap).
 */
export function budgetLines(c: Pick<ContractResult, 'budget' | 'incomplete'>): string[] {
  const lines: string[] = [];
  const notRun = c.budget?.notRun;
  if (c.incomplete) {
    const ops = notRun?.operations ?? [];
    const list = ops.length
      ? `: not run: ${ops.slice(0, 8).join(', ')}${ops.length > 8 ? ` and ${ops.length - 8} more` : ''} (raise --max-requests or contract.maxRequests)`
      : '';
    lines.push(`Incomplete: ${c.incomplete.reason}${list}`);
  }
  const cut = c.budget?.cutByMaxCases;
  if (cut?.cases)
    lines.push(
      `--max-cases ${c.budget?.maxCases} left out ${cut.cases} generated cases on ${cut.operations} operations`,
    );
  return lines;
}

export interface FindingGroup {
  key: string;
  check: string;
  severity?: Severity;
  operation: string;
  title: string;
  count: number;
  /** Index into `findings` of the first one. */
  first: number;
}

export interface OperationCoverage {
  operation: string;
  operationId: string;
  cases: number;
  findings: number;
  /** Documented status codes (as written: '200', '4XX', 'default'). */
  documented: string[];
  /** Status -> how many times seen. */
  seen: Record<string, number>;
  /** Documented codes never returned. */
  neverSeen: string[];
  latencyMs?: { p50: number; p95: number; p99: number };
}

// ---------------------------------------------------------------- load

export interface LoadResult {
  profile: string;
  /** The profile file. */
  source: string;
  model: 'open' | 'closed';
  startedAt: string;
  durationMs: number;
  /** Excluded from totals and gates. */
  warmupMs: number;
  aborted?: { reason: string };
  totals: LoadMetrics;
  perOperation: (LoadMetrics & { operation: string })[];
  /** One entry per second of the measured period. */
  timeline: { t: number; rps: number; p50: number; p95: number; p99: number; errors: number }[];
  /** Whether the generator itself kept up; gates are unreliable when not ok. */
  selfCheck: { ok: boolean; problems: string[]; targetRps?: number; achievedRps: number; cpu?: number };
  gates: GateResult[];
  /** Base64 HDR histograms (microseconds), mergeable across machines. */
  histograms: { corrected?: string; uncorrected: string; perOperation: Record<string, string> };
  /** What the run created and deleted afterwards; absent when cleanup is off or there is no spec. */
  cleanup?: LoadCleanup;
}

/**
 * What a load run's cleanup did. A leftover fails the run (gate
 * `cleanup.leftover`), as a leftover of the contract run does.
 */
export interface LoadCleanup {
  /** Every 2xx create the run made (undeletable and overflowed ones included). */
  created: number;
  /** Deleted, or already gone (404/410), with what went along with them (a track with its album). */
  deleted: number;
  /** created - deleted: still there after the run. */
  leftover: number;
  /** Created past the ledger's cap: not recorded, so not deleted. */
  overflowed?: number;
  /** POSTs that got no answer (timeout, cut off at the end): may have created something cleanup cannot know of. */
  unconfirmed?: number;
  /** Why each leftover is left, with how many: the counts add up to `leftover`. */
  leftoverReasons?: Record<string, number>;
  /** The first few leftovers, each with why. */
  leftoverSample?: string[];
  /** A paste-ready DELETE per leftover cleanup could name (credentials as `$TOLLGATE_TOKEN`), as the contract run gives. */
  curls?: string[];
}

/** `answered 401 (tried twice) ×3; the spec documents no DELETE for it ×1`. */
export function reasonsText(reasons: Record<string, number> | undefined): string {
  return Object.entries(reasons ?? {})
    .map(([reason, n]) => `${reason} ×${n}`)
    .join('; ');
}

/** `cleanup left 3 created resources on the server`, or undefined when it left none. */
export function leftoverText(cleanup: { leftover: number } | undefined): string | undefined {
  const n = cleanup?.leftover ?? 0;
  return n > 0 ? `cleanup left ${n} created resource${n === 1 ? '' : 's'} on the server` : undefined;
}

/**
 * Which latency a load run is judged on. The open model also measures each
 * request from its intended send time ("corrected" for coordinated omission:
 * a stalled server cannot hide its queue); latency gates read that one. The
 * closed model has only the latency from the actual send ("uncorrected").
 */
export function gatedLatency(m: LoadMetrics): {
  p50: number;
  p95: number;
  p99: number;
  label: 'corrected' | 'uncorrected';
} {
  const { p50, p95, p99 } = m.correctedLatencyMs ?? m.latencyMs;
  return { p50, p95, p99, label: m.correctedLatencyMs ? 'corrected' : 'uncorrected' };
}

/** `p99 139ms corrected (72.4ms uncorrected)`, or `p99 72.4ms uncorrected` (closed model). */
export function p99Text(m: LoadMetrics, ms: (v: number) => string): string {
  return m.correctedLatencyMs
    ? `p99 ${ms(m.correctedLatencyMs.p99)} corrected (${ms(m.latencyMs.p99)} uncorrected)`
    : `p99 ${ms(m.latencyMs.p99)} uncorrected`;
}

export interface LoadMetrics {
  requests: number;
  rps: number;
  latencyMs: {
    min: number;
    mean: number;
    p50: number;
    p90: number;
    p95: number;
    p99: number;
    p999: number;
    max: number;
  };
  /** Coordinated-omission corrected (open model only). */
  correctedLatencyMs?: { p50: number; p95: number; p99: number; max: number };
  statusCodes: Record<string, number>;
  errors: { http: number; timeouts: number; connection: number; rate: number };
  contract?: { sampled: number; violations: number };
}

// ---------------------------------------------------------------- watch

/**
 * `tollgate watch`: open-model load held before, through and after a deploy
 * command (and a rollback). Times are ms since the load started.
 */
export interface WatchResult {
  profile: string;
  source: string;
  /** Arrivals per second the load held. */
  rate: number;
  startedAt: string;
  durationMs: number;
  /** Load before the command started (the baseline the switch is seen against), ms. */
  beforeMs: number;
  /** Load kept after the command (and the rollback) exited, ms. */
  settleMs: number;
  /** The deploy command; absent when it was not run (the target answered nothing before it, Ctrl-C). */
  command?: CommandRun;
  /** Why the command was not run: the target answered nothing before it. */
  unreachable?: string;
  aborted?: { reason: string };
  /** The `--on-fail` command, when it ran: why, and whether traffic recovered after it. */
  rollback?: CommandRun & {
    trigger: string;
    /** No failed request in the settle period after the rollback exited; null when nothing was measured there. */
    recovered: boolean | null;
  };
  /** The switch window (command start to the end of the load): what the gates judge. */
  window: WatchWindow;
  /** The same numbers before the command started. */
  before: WatchWindow;
  timeline: WatchSecond[];
  gates: GateResult[];
  /** Arrivals never sent (every connection busy and the queue full). */
  dropped: number;
  /** Requests resent once because their keep-alive connection had been closed by the server (not failures). */
  resent: number;
  /** One-line remarks on how the run went (a failing baseline, a command cut by its timeout...). */
  notes: string[];
}

export interface WatchWindow {
  startMs: number;
  endMs: number;
  /** Requests sent in the window (answered or not). */
  requests: number;
  errors: {
    /** Every failed request: an unexpected status (not listed in `expect`, else not 2xx), timeouts, connection errors. */
    count: number;
    rate: number;
    http5xx: number;
    /** Other unexpected statuses (4xx, 3xx). */
    http4xx: number;
    timeouts: number;
    /** Refused connections (nothing listening). */
    refused: number;
    /** Connections reset or closed with a request in flight. */
    resets: number;
  };
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  /** When failures were seen, first and last (ms since the load started): the error window. */
  firstErrorMs?: number;
  lastErrorMs?: number;
}

export interface WatchSecond {
  /** Second since the load started (1 = the first second). */
  t: number;
  sent: number;
  answered: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  http5xx: number;
  refused: number;
  resets: number;
  timeouts: number;
  /** What was running when this second began: before, command, settle, rollback, after (settle after the rollback). */
  phase: 'before' | 'command' | 'settle' | 'rollback' | 'after';
}

// ---------------------------------------------------------------- suites

export interface SuiteResult {
  passed: number;
  failed: number;
  skipped: number;
  durationMs: number;
  tests: {
    title: string;
    file: string;
    project: string;
    status: 'passed' | 'failed' | 'skipped' | 'timedOut';
    error?: string;
  }[];
}

// ---------------------------------------------------------------- trends

/** This run against the previous run of the same environment (`reports/history/<env>.ndjson`). */
export interface Trends {
  previous: { id: string; startedAt: string; verdict: Verdict };
  /** One row per operation and source present in both runs. */
  operations: TrendRow[];
  findings: {
    /** Finding groups (by key) in this run but not the previous one. */
    new: FindingGroupRef[];
    /** Finding groups in the previous run that are gone now. */
    fixed: FindingGroupRef[];
    /** Groups in both runs. */
    unchanged: number;
  };
}

export interface TrendRow {
  operation: string;
  /** Where the numbers come from: `load:baseline` or `contract`. */
  source: string;
  p95: { now: number; before: number };
  p99: { now: number; before: number };
  /** Ratio 0..1. */
  errorRate: { now: number; before: number };
}

export interface FindingGroupRef {
  key: string;
  check: string;
  operation: string;
  title: string;
}
