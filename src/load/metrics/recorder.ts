import {
  decodeHistogram,
  encodeHistogram,
  type Histogram,
  newHistogram,
  percentileMs,
  recordMicros,
} from './histogram.ts';

/** Why a request got no HTTP answer. */
export type RequestError = 'timeout' | 'connection';

/** Counters and histograms for one operation (or the total). */
export interface OpStats {
  requests: number;
  statusCodes: Record<string, number>;
  http: number;
  timeouts: number;
  connection: number;
  sampled: number;
  violations: number;
  latency: Histogram;
  /** Open model: latency from the intended send time. */
  corrected?: Histogram;
}

export interface TimelinePoint {
  t: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  /** Requests sent in this second (the arrival rate the generator achieved). */
  sent: number;
}

function newStats(corrected: boolean): OpStats {
  return {
    requests: 0,
    statusCodes: {},
    http: 0,
    timeouts: 0,
    connection: 0,
    sampled: 0,
    violations: 0,
    latency: newHistogram(),
    corrected: corrected ? newHistogram() : undefined,
  };
}

/**
 * Everything a run measures, fed by either engine. `counted` says whether the
 * request falls in the gated window (not warm-up); the per-second timeline
 * covers every second anyway. Memory is bounded: histograms, not samples.
 */
export class Recorder {
  readonly total: OpStats;
  readonly perOp = new Map<string, OpStats>();
  readonly timeline: TimelinePoint[] = [];
  private second: Histogram = newHistogram();
  private secondRequests = 0;
  private secondErrors = 0;
  private secondSent = 0;

  /**
   * `expected`: per operation, the statuses its requests list in `expect`;
   * any other status is an HTTP error. Operations not in it expect any 2xx,
   * so a 302 or a 404 is never counted as a good answer by default.
   */
  constructor(
    private readonly corrected: boolean,
    private readonly expected: ReadonlyMap<string, ReadonlySet<number>> = new Map(),
  ) {
    this.total = newStats(corrected);
  }

  /** Whether tollgate counts this status of this operation as an HTTP error. */
  isUnexpected(op: string, status: number): boolean {
    const listed = this.expected.get(op);
    return listed ? !listed.has(status) : status < 200 || status >= 300;
  }

  private op(name: string): OpStats {
    let stats = this.perOp.get(name);
    if (!stats) {
      stats = newStats(this.corrected);
      this.perOp.set(name, stats);
    }
    return stats;
  }

  /** Open model: requests sent per 100 ms since the start (how evenly arrivals were spread). */
  readonly sendsPer100ms: number[] = [];

  /** A request left the generator at `tMs` since the start. */
  sent(tMs: number): void {
    this.secondSent++;
    if (!this.corrected) return;
    const bucket = Math.floor(tMs / 100);
    while (this.sendsPer100ms.length <= bucket) this.sendsPer100ms.push(0);
    this.sendsPer100ms[bucket]++;
  }

  /** One HTTP answer: latency from the actual send, and (open model) from the intended send. */
  response(
    op: string,
    status: number,
    micros: number,
    correctedMicros: number | undefined,
    counted: boolean,
  ): void {
    const shown = correctedMicros ?? micros;
    recordMicros(this.second, shown);
    this.secondRequests++;
    const unexpected = this.isUnexpected(op, status);
    if (unexpected) this.secondErrors++;
    if (!counted) return;
    for (const s of [this.total, this.op(op)]) {
      s.requests++;
      s.statusCodes[status] = (s.statusCodes[status] ?? 0) + 1;
      if (unexpected) s.http++;
      recordMicros(s.latency, micros);
      if (s.corrected && correctedMicros !== undefined) recordMicros(s.corrected, correctedMicros);
    }
  }

  /** A request that got no answer; `code` is the socket's error code (ECONNREFUSED, ECONNRESET...). */
  error(op: string, kind: RequestError, counted: boolean, _code?: string): void {
    this.secondErrors++;
    if (!counted) return;
    for (const s of [this.total, this.op(op)]) {
      if (kind === 'timeout') s.timeouts++;
      else s.connection++;
    }
  }

  /** A request resent after its keep-alive connection turned out closed (only when the engine resends). */
  resent(_op: string): void {}

  /** A sampled response validated against the spec. */
  contract(op: string, violations: number, counted: boolean): void {
    if (!counted) return;
    for (const s of [this.total, this.op(op)]) {
      s.sampled++;
      if (violations > 0) s.violations++;
    }
  }

  /** Closes the current second of the timeline; `t` is seconds since the start. */
  tick(t: number, seconds = 1): TimelinePoint {
    const h = this.second;
    const point = {
      t,
      rps: Math.round(this.secondRequests / seconds),
      p50: percentileMs(h, 50),
      p95: percentileMs(h, 95),
      p99: percentileMs(h, 99),
      errors: this.secondErrors,
      sent: this.secondSent,
    };
    this.timeline.push(point);
    h.reset();
    this.secondRequests = 0;
    this.secondErrors = 0;
    this.secondSent = 0;
    return point;
  }
}

/** OpStats as plain data (histograms base64-encoded): what a worker thread sends back. */
type StatsSnapshot = Omit<OpStats, 'latency' | 'corrected'> & { latency: string; corrected?: string };

export interface RecorderSnapshot {
  total: StatsSnapshot;
  perOp: Record<string, StatsSnapshot>;
  timeline: TimelinePoint[];
  sendsPer100ms: number[];
}

function snapshotStats(s: OpStats): StatsSnapshot {
  return {
    ...s,
    latency: encodeHistogram(s.latency),
    corrected: s.corrected ? encodeHistogram(s.corrected) : undefined,
  };
}

export function snapshotRecorder(r: Recorder): RecorderSnapshot {
  return {
    total: snapshotStats(r.total),
    perOp: Object.fromEntries([...r.perOp.entries()].map(([k, v]) => [k, snapshotStats(v)])),
    timeline: r.timeline,
    sendsPer100ms: r.sendsPer100ms,
  };
}

function mergeStats(into: OpStats, from: StatsSnapshot): void {
  into.requests += from.requests;
  into.http += from.http;
  into.timeouts += from.timeouts;
  into.connection += from.connection;
  into.sampled += from.sampled;
  into.violations += from.violations;
  for (const [code, n] of Object.entries(from.statusCodes))
    into.statusCodes[code] = (into.statusCodes[code] ?? 0) + n;
  into.latency.add(decodeHistogram(from.latency));
  if (into.corrected && from.corrected) into.corrected.add(decodeHistogram(from.corrected));
}

/**
 * Adds a worker's numbers into `into`. Counters and histograms merge exactly;
 * per-second percentiles cannot be merged from percentiles, so a merged
 * second shows the worst worker's (documented in the report).
 */
export function mergeRecorder(into: Recorder, from: RecorderSnapshot): void {
  mergeStats(into.total, from.total);
  for (const [op, stats] of Object.entries(from.perOp)) {
    if (!into.perOp.has(op)) into.perOp.set(op, newStats(into.total.corrected !== undefined));
    mergeStats(into.perOp.get(op)!, stats);
  }
  from.timeline.forEach((p, i) => {
    const q = into.timeline[i];
    if (!q) into.timeline.push({ ...p });
    else
      Object.assign(q, {
        rps: q.rps + p.rps,
        sent: q.sent + p.sent,
        errors: q.errors + p.errors,
        p50: Math.max(q.p50, p.p50),
        p95: Math.max(q.p95, p.p95),
        p99: Math.max(q.p99, p.p99),
      });
  });
  from.sendsPer100ms.forEach((n, i) => {
    into.sendsPer100ms[i] = (into.sendsPer100ms[i] ?? 0) + n;
  });
}
