import { Worker } from 'node:worker_threads';
import type { Envelope } from '../../config/types.ts';
import { TollgateError } from '../../errors/tollgate-error.ts';
import { type CreatedResources, mergeCreated } from '../cleanup/created-ledger.ts';
import {
  mergeRecorder,
  type Recorder,
  type RecorderSnapshot,
  type TimelinePoint,
} from '../metrics/recorder.ts';
import type { Overrides } from '../profile/stages.ts';
import { arrivalShare, type Shard } from '../shard/shard.ts';
import type { EngineOutcome } from './engine.ts';
import type { PrepareInput } from './prepare-run.ts';

/** What the coordinator sends each worker thread (plain data: profiles are re-imported from their file). */
export interface WorkerInput {
  file: string;
  specSource?: string;
  /** The spec's base path as the run has it (a `--base-path` override included). */
  basePath?: string;
  baseURL: string;
  headers: Record<string, string>;
  overrides?: Overrides;
  validate: boolean;
  /** The run's envelope: each worker resolves what it created through it. */
  envelope?: Envelope | false;
  /** Open model: this thread sends arrivals index, index+of, index+2·of... (see arrivalShare). */
  index: number;
  of: number;
  /** The process's shard of the run, and (closed model) this thread's slice of its connections. */
  shard?: Shard;
  thread: Shard;
  /** Date.now() at which every worker starts its clock, so their schedules interleave. */
  startAt: number;
}

export type WorkerMessage =
  | { type: 'second'; point: TimelinePoint; elapsedMs: number; totalMs: number }
  | { type: 'done'; snapshot: RecorderSnapshot; outcome: EngineOutcome; created?: CreatedResources }
  | { type: 'error'; message: string };

/**
 * Either model on N worker threads (`workers` in the profile), for loads one
 * event loop cannot hold. Open model: worker i sends arrivals i, i+N, i+2N...
 * of the one schedule, so the total rate is the profile's (autocannon's
 * overallRate is per worker); in shard i of n, the threads split that shard's
 * arrivals the same way. Closed model: each thread runs its share of the
 * connections, as shards do. Counters and HDR histograms merge exactly into
 * `recorder`.
 */
export async function runLoadWorkers(
  options: PrepareInput,
  workers: number,
  recorder: Recorder,
  signal: AbortSignal,
  onSecond?: (point: TimelinePoint, elapsedMs: number, totalMs: number) => void,
): Promise<EngineOutcome & { created?: CreatedResources }> {
  const file = options.profile.file;
  if (!file) {
    throw new TollgateError(
      'TG_PROFILE_INVALID',
      `${options.profile.source}: workers > 1 needs the profile in a file`,
    );
  }
  const startAt = Date.now() + 300;
  const seconds = new Map<number, { point: TimelinePoint; count: number }>();
  const threads = Array.from({ length: workers }, (_, index) => {
    const workerData: WorkerInput = {
      file,
      specSource: options.spec?.source,
      basePath: options.spec?.basePath,
      baseURL: options.baseURL,
      headers: options.headers ?? {},
      overrides: options.overrides,
      validate: options.validate !== false,
      envelope: options.envelope,
      ...arrivalShare(options.shard, index, workers),
      shard: options.shard,
      thread: { index: index + 1, of: workers },
      startAt,
    };
    return new Worker(new URL('./load-worker-entry.mjs', import.meta.url), { workerData });
  });
  const stopAll = () => {
    for (const t of threads) t.postMessage('stop');
  };
  signal.addEventListener('abort', stopAll, { once: true });
  try {
    const results = await Promise.all(
      threads.map(
        (thread) =>
          new Promise<Extract<WorkerMessage, { type: 'done' }>>((done, fail) => {
            thread.on('message', (m: WorkerMessage) => {
              if (m.type === 'second') {
                const s = seconds.get(m.point.t) ?? {
                  point: { ...m.point, rps: 0, sent: 0, errors: 0 },
                  count: 0,
                };
                s.point.rps += m.point.rps;
                s.point.sent += m.point.sent;
                s.point.errors += m.point.errors;
                s.point.p99 = Math.max(s.point.p99, m.point.p99);
                s.count++;
                seconds.set(m.point.t, s);
                if (s.count === workers) onSecond?.(s.point, m.elapsedMs, m.totalMs);
              } else if (m.type === 'done') done(m);
              else fail(new Error(`load worker failed: ${m.message}`));
            });
            thread.on('error', fail);
          }),
      ),
    );
    for (const r of results) mergeRecorder(recorder, r.snapshot);
    const created = results.flatMap((r) => (r.created ? [r.created] : []));
    const lags = results.map((r) => r.outcome.meanLagMs).filter((v): v is number => v !== undefined);
    return {
      dropped: results.reduce((sum, r) => sum + r.outcome.dropped, 0),
      peakConnections: results.reduce((sum, r) => sum + r.outcome.peakConnections, 0),
      meanLagMs: lags.length ? Math.max(...lags) : undefined,
      // Workers send what they created only when cleanup is on and they have a spec.
      created: created.length ? mergeCreated(created) : undefined,
    };
  } finally {
    signal.removeEventListener('abort', stopAll);
    await Promise.all(threads.map((t) => t.terminate()));
  }
}
