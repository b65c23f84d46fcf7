import { performance } from 'node:perf_hooks';
import { pumpArrivals } from '../load/engines/arrival-pump.ts';
import { HttpConnection, type RawResponse, requestBytes } from '../load/engines/http-connection.ts';
import { seededRandom } from '../load/plan/rng.ts';
import { buildSchedule } from '../load/profile/stages.ts';
import type { TrafficRequest } from '../traffic/read-mix.ts';
import { Reservoir } from './stats/reservoir.ts';

export type Side = 'baseline' | 'candidate';

/** What one side did on one operation. */
interface OperationTally {
  /** From the arrival's scheduled time to the whole answer (corrected for coordinated omission): judged. */
  latency: Reservoir;
  /** From the actual send to the whole answer (what a closed-loop client would see): shown, never judged. */
  service: Reservoir;
  requests: number;
  /** Connection errors, timeouts and answers >= 400. */
  errors: number;
  fiveXX: number;
}

export interface InterleavedOptions {
  sides: Record<Side, { url: string; headers: Record<string, string> }>;
  /** The spec's basePath, added unless a base URL already ends with it. */
  basePath: string;
  requests: TrafficRequest[];
  /** Arrivals per second per side. */
  rate: number;
  durationMs: number;
  seed: number;
  reservoir: number;
  timeoutMs: number;
  /** Connections per side at most; an arrival with none free waits, up to a bounded queue. */
  maxConnections?: number;
  signal?: AbortSignal;
}

export interface InterleavedOutcome {
  tallies: Record<Side, Map<string, OperationTally>>;
  /** Arrivals not sent because every connection was busy and the queue was full, per side (each also an error). */
  dropped: Record<Side, number>;
  elapsedMs: number;
}

interface Job {
  side: Side;
  request: TrafficRequest;
  bytes: Buffer;
  /** ms since the start when the schedule meant to send it. */
  intended: number;
  sentAt?: number;
}

/**
 * One open-model schedule for both targets: arrivals at 2 x rate, evenly
 * spaced, alternate baseline and candidate, and each pair sends the same
 * operation (drawn with the seeded random), so both sides see the same mix
 * under the same conditions. Each side has its own keep-alive connections
 * (at most `maxConnections`, then a bounded queue). Latency is from the
 * arrival's scheduled time to the whole answer, as the load engine's open
 * model measures it (`pumpArrivals`): a side that stalls is charged for the
 * arrivals queued behind it, so it is not flattered (coordinated omission).
 * It is kept in a bounded reservoir per side and operation, beside the
 * latency from the actual send (`service`). Never throws for what the
 * targets do: failures are counted, an arrival dropped for a full queue as
 * an error of its side.
 */
export async function runInterleaved(o: InterleavedOptions): Promise<InterleavedOutcome> {
  const random = seededRandom(o.seed);
  const sides: Side[] = ['baseline', 'candidate'];
  const tallies = { baseline: new Map(), candidate: new Map() } as InterleavedOutcome['tallies'];
  const dropped = { baseline: 0, candidate: 0 };
  const t0 = performance.now();
  const elapsed = () => performance.now() - t0;
  const maxConnections = o.maxConnections ?? Math.min(64, Math.max(4, Math.ceil(o.rate / 10)));
  const maxQueue = Math.max(100, Math.ceil(o.rate * 2));

  const tally = (side: Side, op: string): OperationTally => {
    let t = tallies[side].get(op);
    if (!t) {
      t = {
        latency: new Reservoir(o.reservoir, random),
        service: new Reservoir(o.reservoir, random),
        requests: 0,
        errors: 0,
        fiveXX: 0,
      };
      tallies[side].set(op, t);
    }
    return t;
  };

  const pools = Object.fromEntries(
    sides.map((side) => {
      const url = new URL(o.sides[side].url);
      let prefix = url.pathname.replace(/\/+$/, '');
      if (o.basePath && !prefix.endsWith(o.basePath)) prefix += o.basePath;
      const bytes = new Map(
        o.requests.map((r) => [
          r,
          requestBytes(r.method, `${prefix}${r.target}`, url.host, o.sides[side].headers),
        ]),
      );
      return [side, { url, bytes, idle: [] as Slot[], slots: [] as Slot[], queue: [] as Job[] }];
    }),
  ) as Record<Side, Pool>;

  let inFlight = 0;
  let settle: (() => void) | undefined;

  function done(slot: Slot, status: number | undefined): void {
    const job = slot.job!;
    slot.job = undefined;
    inFlight--;
    const t = tally(job.side, job.request.op);
    t.requests++;
    if (status === undefined || status >= 400) t.errors++;
    if (status !== undefined && status >= 500) t.fiveXX++;
    if (status !== undefined) {
      const now = elapsed();
      t.latency.add(now - job.intended);
      t.service.add(now - job.sentAt!);
    }
    const pool = pools[job.side];
    const next = pool.queue.shift();
    if (next) send(slot, next);
    else pool.idle.push(slot);
    if (inFlight === 0) settle?.();
  }

  function openSlot(side: Side): Slot {
    const pool = pools[side];
    const slot: Slot = { conn: undefined as unknown as HttpConnection };
    slot.conn = new HttpConnection(pool.url.hostname, Number(pool.url.port || 80), {
      onResponse: (response: RawResponse) => {
        if (slot.job) done(slot, response.status);
      },
      onError: (_error, lost) => {
        if (lost && slot.job) done(slot, undefined);
      },
    });
    pool.slots.push(slot);
    return slot;
  }

  function send(slot: Slot, job: Job): void {
    job.sentAt = elapsed();
    slot.job = job;
    slot.conn.send(job.bytes, job.request.method === 'HEAD');
  }

  function arrive(side: Side, request: TrafficRequest, intended: number): void {
    const pool = pools[side];
    const job: Job = { side, request, bytes: pool.bytes.get(request)!, intended };
    inFlight++;
    const slot = pool.idle.pop() ?? (pool.slots.length < maxConnections ? openSlot(side) : undefined);
    if (slot) send(slot, job);
    else if (pool.queue.length < maxQueue) pool.queue.push(job);
    else {
      inFlight--;
      dropped[side]++;
      const t = tally(side, request.op);
      t.requests++;
      t.errors++;
    }
  }

  const sweep = setInterval(() => {
    const now = elapsed();
    for (const pool of Object.values(pools))
      for (const slot of pool.slots)
        if (slot.job && now - slot.job.sentAt! > o.timeoutMs) {
          slot.conn.abort();
          done(slot, undefined);
        }
  }, 100);

  // Both sides on one clock: arrival n goes to baseline when even, candidate when odd.
  const schedule = buildSchedule({ model: 'open', rate: 2 * o.rate, duration: o.durationMs / 1000 });
  let pick: TrafficRequest = o.requests[0];
  await pumpArrivals(schedule, { elapsed, signal: o.signal }, (intended, n) => {
    if (n % 2 === 0) pick = o.requests[Math.floor(random() * o.requests.length)];
    arrive(sides[n % 2], pick, intended);
  });
  if (inFlight > 0) {
    await new Promise<void>((drained) => {
      // cleared once drained: a pending timer would hold the process open for timeoutMs after the verdict
      const timer = setTimeout(drained, o.timeoutMs + 200);
      settle = () => {
        clearTimeout(timer);
        drained();
      };
    });
  }
  clearInterval(sweep);
  for (const pool of Object.values(pools)) for (const slot of pool.slots) slot.conn.destroy();
  return { tallies, dropped, elapsedMs: elapsed() };
}

interface Slot {
  conn: HttpConnection;
  job?: Job;
}

interface Pool {
  url: URL;
  bytes: Map<TrafficRequest, Buffer>;
  idle: Slot[];
  slots: Slot[];
  queue: Job[];
}
