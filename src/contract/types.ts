import type { TestCase } from '../cases/types.ts';
import type { CaseMeta } from '../checks/types.ts';
import type { Secret, UserContractOptions } from '../config/types.ts';
import type { Exchange, RequestRecord } from '../http/types.ts';
import type { ContractResult } from '../run/model.ts';
import type { LoadedSpec } from '../spec/types.ts';

/** What `runContract` needs: the spec, where the API is, how to talk to it, and the knobs. */
export interface ContractInput {
  spec: LoadedSpec;
  baseURL: string;
  /** Sent with every request (credentials included); lower-case names. */
  headers: Record<string, string>;
  /** Query parameters sent with every request (API keys in the query). */
  query?: Record<string, string>;
  /** Never written anywhere; repros show `$envName`. */
  secrets: Secret[];
  options: ContractOptions;
  signal?: AbortSignal;
  onProgress?: (progress: ContractProgress) => void;
  /** Injected transport for tests; defaults to sendRequest (fetch). */
  send?: Send;
}

export type Send = (
  request: RequestRecord,
  options: { timeoutMs: number; signal?: AbortSignal; maxBodyBytes?: number },
) => Promise<Exchange>;

/**
 * The config's contract options (seed, maxCases, workers, rateLimit, timeoutMs,
 * checks, requireStatusCoverage, maxResponseMs: documented with their defaults
 * in src/config/types.ts) plus what only a run or the CLI decides.
 */
export interface ContractOptions extends UserContractOptions {
  /** Only these checks (CLI --checks). */
  onlyChecks?: string[];
  /** Not these checks (CLI --exclude-checks). */
  excludeChecks?: string[];
  /** Operation ids or keys to test; empty = all. */
  operations?: string[];
  tags?: string[];
  /** Only safe methods, no stateful creates. Default false. */
  readOnly?: boolean;
  /** Gin's HandleMethodNotAllowed on the target. Default false. */
  handleMethodNotAllowed?: boolean;
  /** Size of the oversized-body case. Default 1 MiB + 1. */
  oversizedBytes?: number;
  /** Share of requests that may go unanswered before the run fails. Default '1%'. */
  maxUnanswered?: string;
}

export interface ContractProgress {
  phase: 'fixtures' | 'stateful' | 'cases' | 'cleanup';
  done: number;
  total: number;
  findings: number;
}

/**
 * A case kept for `--replay`: the case itself (pure data, no credentials:
 * they are added again from the target at replay time) and, for stateful
 * steps, the producer whose sequence must run again.
 */
export interface StoredCase {
  replayId: string;
  operationId: string;
  case: CaseMeta;
  testCase: TestCase;
  /** Stateful findings replay the whole sequence of this create operation. */
  sequenceOf?: string;
  /** Titles of the findings this case produced. */
  titles: string[];
  checks: string[];
}

/** The engine's result: the run-model part plus what replay needs. */
export interface ContractRun extends ContractResult {
  aborted?: { reason: string };
  unanswered: NonNullable<ContractResult['unanswered']>;
  /** Requests sent, cases dropped by validation, and transport failures. */
  stats: { requests: number; dropped: number; timeouts: number; transportErrors: number };
  replays: Record<string, StoredCase>;
}
