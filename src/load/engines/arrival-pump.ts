import { arrivalTime, type Schedule } from '../profile/stages.ts';

export interface PumpOptions {
  /** ms since the run's start (the clock `intended` times are on). */
  elapsed: () => number;
  signal?: AbortSignal;
  /** Several pumps sharing one schedule: this one's index and the count (arrivals i, i+N, i+2N...). */
  share?: { index: number; of: number };
}

/**
 * The open model's clock: calls `arrive(intended, n)` for every arrival of
 * the schedule once its intended time (ms since the start) has come, late
 * ones at once in order, and resolves at the schedule's end or on abort.
 * Latency measured from `intended`, not from when a connection was free to
 * send it, is corrected for coordinated omission (wrk2's rule): a target that
 * stalls is charged for the arrivals that waited behind it. Shared by the load
 * engine's open model and `tollgate compare`.
 */
export function pumpArrivals(
  schedule: Schedule,
  o: PumpOptions,
  arrive: (intended: number, n: number) => void,
): Promise<void> {
  const { index, of } = o.share ?? { index: 0, of: 1 };
  const end = schedule.totalMs;
  return new Promise<void>((done) => {
    let n = index;
    let next = arrivalTime(schedule, n);
    const pump = () => {
      const now = o.elapsed();
      while (next <= now && next < end && !o.signal?.aborted) {
        arrive(next, n);
        n += of;
        next = arrivalTime(schedule, n);
      }
      if (next >= end || o.signal?.aborted) return done();
      setTimeout(pump, Math.max(0, next - o.elapsed() - 0.5));
    };
    pump();
  });
}
