import { performance } from 'node:perf_hooks';
import { type Histogram, newHistogram, percentileMs, recordMicros } from '../load/metrics/histogram.ts';
import { Recorder, type RequestError } from '../load/metrics/recorder.ts';
import type { WatchSecond, WatchWindow } from '../run/model.ts';

/** Failures by kind, counted per window and per second. */
interface Failures {
  http5xx: number;
  http4xx: number;
  timeouts: number;
  refused: number;
  resets: number;
}

const noFailures = (): Failures => ({ http5xx: 0, http4xx: 0, timeouts: 0, refused: 0, resets: 0 });

/** One side of the command's start: before it, or the switch window. */
class Span {
  requests = 0;
  failures = noFailures();
  latency: Histogram = newHistogram();
  firstErrorMs?: number;
  lastErrorMs?: number;

  failed(kind: keyof Failures, atMs: number): void {
    this.failures[kind]++;
    this.firstErrorMs ??= atMs;
    this.lastErrorMs = atMs;
  }

  summary(startMs: number, endMs: number): WatchWindow {
    const f = this.failures;
    const count = f.http5xx + f.http4xx + f.timeouts + f.refused + f.resets;
    const window: WatchWindow = {
      startMs: Math.round(startMs),
      endMs: Math.round(endMs),
      requests: this.requests,
      errors: { count, rate: this.requests ? count / this.requests : 0, ...f },
      latencyMs: {
        p50: percentileMs(this.latency, 50),
        p95: percentileMs(this.latency, 95),
        p99: percentileMs(this.latency, 99),
        max: this.latency.totalCount ? this.latency.maxValue / 1000 : 0,
      },
    };
    if (this.firstErrorMs !== undefined) window.firstErrorMs = Math.round(this.firstErrorMs);
    if (this.lastErrorMs !== undefined) window.lastErrorMs = Math.round(this.lastErrorMs);
    return window;
  }
}

/**
 * The load recorder plus what a switch needs: failures by kind (5xx,
 * refused, reset, timeout) per second and per side of the command's start,
 * and when each failure was seen. Whether a request counts toward the gated
 * totals is decided by when its outcome arrived: from the command's start on.
 */
export class WatchRecorder extends Recorder {
  readonly before = new Span();
  readonly window = new Span();
  /** ms since t0 when the command started; Infinity until then. */
  windowStartMs = Number.POSITIVE_INFINITY;
  resentCount = 0;
  /** Failures after this time (ms since t0) are also counted in `failedSince`. */
  private sinceMs = Number.POSITIVE_INFINITY;
  failedSince = 0;
  answeredSince = 0;
  private secondFailures = noFailures();

  /** `expected`: the statuses each operation's requests list (else any 2xx), as the load recorder judges them. */
  constructor(
    private readonly t0: number,
    expected?: ReadonlyMap<string, ReadonlySet<number>>,
  ) {
    super(true, expected);
  }

  private now(): number {
    return performance.now() - this.t0;
  }

  private span(at: number): Span {
    return at >= this.windowStartMs ? this.window : this.before;
  }

  /** Counts failures and answers from `ms` on (the recovery check after a rollback). */
  watchFrom(ms: number): void {
    this.sinceMs = ms;
    this.failedSince = 0;
    this.answeredSince = 0;
  }

  override response(
    op: string,
    status: number,
    micros: number,
    correctedMicros: number | undefined,
    _counted: boolean,
  ): void {
    const at = this.now();
    const span = this.span(at);
    super.response(op, status, micros, correctedMicros, span === this.window);
    span.requests++;
    recordMicros(span.latency, correctedMicros ?? micros);
    if (at >= this.sinceMs) this.answeredSince++;
    if (!this.isUnexpected(op, status)) return;
    const kind = status >= 500 ? 'http5xx' : 'http4xx';
    span.failed(kind, at);
    this.secondFailures[kind]++;
    if (at >= this.sinceMs) this.failedSince++;
  }

  override error(op: string, kind: RequestError, _counted: boolean, code?: string): void {
    const at = this.now();
    const span = this.span(at);
    super.error(op, kind, span === this.window, code);
    const failure = kind === 'timeout' ? 'timeouts' : code === 'ECONNREFUSED' ? 'refused' : 'resets';
    span.requests++;
    span.failed(failure, at);
    this.secondFailures[failure]++;
    if (at >= this.sinceMs) this.failedSince++;
  }

  override resent(_op: string): void {
    this.resentCount++;
  }

  /** Closes one second of the timeline with its failures by kind and the phase it ends in. */
  closeSecond(t: number, phase: WatchSecond['phase'], seconds = 1): WatchSecond {
    const point = this.tick(t, seconds);
    const f = this.secondFailures;
    this.secondFailures = noFailures();
    return {
      t,
      sent: point.sent,
      answered: point.rps,
      p50: point.p50,
      p95: point.p95,
      p99: point.p99,
      errors: point.errors,
      http5xx: f.http5xx,
      refused: f.refused,
      resets: f.resets,
      timeouts: f.timeouts,
      phase,
    };
  }
}
