import type { TestCase } from '../cases/types.ts';
import type { CaseMeta } from '../checks/types.ts';
import type { Secret } from '../config/types.ts';
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
  options: { timeoutMs: number; signal?: AbortSignal },
) => Promise<Exchange>;

export interface ContractOptions {
  /** Seed for case generation. Default 1. */
  seed?: number;
  /** Cases per operation and phase. Default 25. */
  maxCases?: number;
  /** Concurrent requests. Default 4. */
  workers?: number;
  /** Requests per second, 0 = unlimited. Default 0. */
  rateLimit?: number;
  /** Per-request timeout, ms. Default 10000. */
  timeoutMs?: number;
  /** Checks by name: false disables, an object configures (config `contract.checks`). */
  checks?: Record<string, boolean | Record<string, unknown>>;
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
  /** Response-time budget for every operation, ms (x-tollgate-max-ms overrides). */
  maxResponseMs?: number;
  /** A documented status never seen becomes a finding. Default false. */
  requireStatusCoverage?: boolean;
  /** Size of the oversized-body case. Default 1 MiB + 1. */
  oversizedBytes?: number;
  /** Hard cap on requests in one run. Default 10000. */
  maxRequests?: number;
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
  /** Requests sent, cases dropped by validation, and transport failures. */
  stats: { requests: number; dropped: number; timeouts: number; transportErrors: number };
  replays: Record<string, StoredCase>;
}
