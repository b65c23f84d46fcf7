import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { loadSpec } from '../../spec/load-spec.ts';
import { snapshotRecorder } from '../metrics/recorder.ts';
import { loadProfile } from '../profile/load-profile.ts';
import { runClosedModel } from './closed-engine.ts';
import type { WorkerInput, WorkerMessage } from './load-workers.ts';
import { runOpenModel } from './open-engine.ts';
import { prepareRun } from './prepare-run.ts';

/** One worker thread of `runLoadWorkers`: its share of the arrivals or connections, recorded locally, sent back at the end. */
const input = workerData as WorkerInput;
const post = (m: WorkerMessage) => parentPort!.postMessage(m);
try {
  // The parent loaded this spec first: a remote $ref it was not allowed to fetch never gets here.
  const loaded = input.specSource ? await loadSpec(input.specSource, { allowRemoteRefs: true }) : undefined;
  const spec = loaded && input.basePath !== undefined ? { ...loaded, basePath: input.basePath } : loaded;
  const profile = await loadProfile(input.file, { loadDir: '.', cwd: process.cwd(), spec });
  const run = prepareRun({ ...input, profile, spec, validate: input.validate ? undefined : false });
  const stop = new AbortController();
  parentPort!.on('message', (m) => {
    if (m === 'stop') stop.abort();
  });
  await new Promise((r) => setTimeout(r, Math.max(0, input.startAt - Date.now())));
  const t0 = performance.now();
  let second = 0;
  const ticker = setInterval(() => {
    second++;
    post({
      type: 'second',
      point: run.recorder.tick(second),
      elapsedMs: performance.now() - t0,
      totalMs: run.schedule.totalMs,
    });
  }, 1000);
  const timeoutMs = profile.options.timeoutMs ?? 10_000;
  const outcome =
    profile.options.model === 'closed'
      ? await runClosedModel({ ...run, t0, timeoutMs, maxConnections: 0, signal: stop.signal })
      : await runOpenModel({
          ...run,
          t0,
          timeoutMs,
          maxConnections: Math.ceil(
            (input.overrides?.connections ??
              profile.options.connections ??
              defaultConnections(run.schedule)) / input.of,
          ),
          signal: stop.signal,
          share: { index: input.index, of: input.of },
        });
  clearInterval(ticker);
  const elapsed = performance.now() - t0;
  if (elapsed - second * 1000 > 300) run.recorder.tick(second + 1, (elapsed - second * 1000) / 1000);
  const created = spec && run.created ? run.created.resolve(spec, run.prefix, input.envelope) : undefined;
  post({ type: 'done', snapshot: snapshotRecorder(run.recorder), outcome, created });
} catch (error) {
  post({ type: 'error', message: (error as Error).message });
}

function defaultConnections(schedule: ReturnType<typeof prepareRun>['schedule']): number {
  const peak = Math.max(0, ...schedule.stages.map((s) => Math.max(s.fromRate, s.toRate)));
  return Math.min(512, Math.max(8, Math.ceil(peak / 20)));
}
