import type { CreatedLedger } from '../cleanup/created-ledger.ts';
import type { Recorder } from '../metrics/recorder.ts';
import type { ContractSampler } from '../plan/contract-sampler.ts';
import type { BuiltRequest, RequestPlan } from '../plan/request-plan.ts';
import type { CapturedResponse } from '../profile/define-profile.ts';
import type { Schedule } from '../profile/stages.ts';
import type { RawResponse } from './http-connection.ts';

/** What both engines get: what to send, where, when, and where to record it. */
export interface EngineContext {
  plan: RequestPlan;
  /** Origin plus nothing else: `http://127.0.0.1:8080`. */
  url: URL;
  schedule: Schedule;
  recorder: Recorder;
  sampler: ContractSampler;
  /** Whether a request at this time (ms since start) counts toward totals and gates. */
  counted(tMs: number): boolean;
  /** performance.now() at the start of the run. */
  t0: number;
  timeoutMs: number;
  /** Closed: ignored (stages say); open: the most connections to open. */
  maxConnections: number;
  /** Open model with several workers: this worker's index and the worker count. */
  share?: { index: number; of: number };
  /** Records what 2xx POSTs created, for the cleanup after the run; absent when cleanup is off. */
  created?: CreatedLedger;
  /**
   * Open model: resend (once) an idempotent request whose reused keep-alive
   * connection the server had closed before answering (see HttpConnection);
   * each resend is counted by `recorder.resent`. Default: off (counted as a connection error).
   */
  resendStale?: boolean;
  /** Aborted to stop early (Ctrl-C, abortOnFail); engines drain and return. */
  signal: AbortSignal;
}

export interface EngineOutcome {
  /** Arrivals the open model could not send (every connection busy and the queue full). */
  dropped: number;
  /** Most connections open at once. */
  peakConnections: number;
  /**
   * Open model: how late requests left, on average, when a connection was free
   * (the generator's own scheduling delay; queueing behind busy connections is
   * the API's doing and is not counted here).
   */
  meanLagMs?: number;
}

/** What a step's `capture` sees; headers and JSON are decoded only for a step that captures. */
export function capturedResponse(request: BuiltRequest, response: RawResponse): CapturedResponse {
  if (!request.capture) return { status: response.status, headers: {} };
  let json: unknown;
  try {
    json = JSON.parse(response.body);
  } catch {}
  return { status: response.status, headers: response.headers, json };
}
