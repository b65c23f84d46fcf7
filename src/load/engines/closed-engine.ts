import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import type { BuiltRequest, VirtualUser } from '../plan/request-plan.ts';
import { connectionsAt, type TimedStage } from '../profile/stages.ts';
import type { EngineContext, EngineOutcome } from './engine.ts';

/** The parts of autocannon's per-connection client we use (see autocannon/lib/httpClient.js). */
interface AcClient {
  on(event: 'response', fn: (status: number, bytes: number, ms: number) => void): void;
  on(event: 'timeout', fn: () => void): void;
  on(event: 'connError', fn: (error: NodeJS.ErrnoException) => void): void;
  setRequests(requests: AcRequest[]): void;
}

interface AcRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (req: AcRequest) => AcRequest;
  onResponse?: (
    status: number,
    body: string,
    context: unknown,
    headers: Record<string, string | string[]>,
  ) => void;
}

/** Stands in for autocannon's latency histogram, which would only duplicate our own work. */
const skippedHistogram = {
  __custom: true,
  recordValue() {},
  recordValueWithExpectedInterval() {},
  reset() {},
  destroy() {},
};

interface ClientState {
  user: VirtualUser;
  current: BuiltRequest;
  /** Whether the current response is a contract sample. */
  sample: boolean;
}

/**
 * The closed model on autocannon: N connections, each sending its next
 * request as soon as the last one is answered. autocannon's own histogram
 * truncates to whole milliseconds, so latency is taken from its per-response
 * event (process.hrtime, sub-microsecond) into our microsecond histograms.
 * Ramps change connections in one-second steps, one autocannon run per step.
 */
export async function runClosedModel(ctx: EngineContext): Promise<EngineOutcome> {
  let peakConnections = 0;
  for (const stage of ctx.schedule.stages) {
    for (const segment of segments(stage)) {
      if (ctx.signal.aborted) break;
      const startedAt = performance.now() - ctx.t0;
      const lateMs = startedAt - segment.startMs;
      const durationMs = segment.endMs - segment.startMs - Math.max(0, lateMs);
      if (durationMs < 50) continue;
      peakConnections = Math.max(peakConnections, segment.connections);
      await runSegment(ctx, segment.connections, durationMs);
    }
  }
  return { dropped: 0, peakConnections };
}

function segments(stage: TimedStage): { startMs: number; endMs: number; connections: number }[] {
  if (stage.fromConnections === stage.toConnections) {
    return [{ startMs: stage.startMs, endMs: stage.endMs, connections: stage.toConnections }];
  }
  const out = [];
  for (let t = stage.startMs; t < stage.endMs; t += 1000) {
    const end = Math.min(stage.endMs, t + 1000);
    out.push({ startMs: t, endMs: end, connections: connectionsAt(stage, (t + end) / 2) });
  }
  return out;
}

function runSegment(ctx: EngineContext, connections: number, durationMs: number): Promise<void> {
  const { plan, recorder, sampler } = ctx;
  const elapsed = () => performance.now() - ctx.t0;
  const fixed = plan.isStatic ? plan.newUser().next() : undefined;
  const states: ClientState[] = [];

  // autocannon runs a request's onResponse hook (and converts its raw headers, which is not
  // cheap) only when the hook is set, so the hook is armed just for the responses that need it:
  // a contract sample (decided one response ahead), a sequence step that captures values, or a
  // POST whose created resource cleanup must delete.
  const hook =
    (state: ClientState) =>
    (status: number, body: string, _c: unknown, raw: Record<string, string | string[]>) => {
      const request = state.current;
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(raw))
        headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
      if (state.sample) {
        const failures = sampler.check(request, ctx.url.origin, status, headers, body, 0);
        recorder.contract(request.op, failures, ctx.counted(elapsed()));
      }
      ctx.created?.record(request, status, headers, body);
      if (request.capture) {
        let json: unknown;
        try {
          json = JSON.parse(body);
        } catch {}
        state.user.answered(request, { status, headers, json });
      }
    };

  const setupClient = (client: AcClient) => {
    const user = plan.newUser();
    const state: ClientState = { user, current: fixed ?? user.next(), sample: false };
    states.push(state);
    const onResponse = hook(state);
    const arm = (request: AcRequest) => {
      state.sample = sampler.wants(state.current);
      const creates = ctx.created !== undefined && state.current.method === 'POST';
      request.onResponse = state.sample || state.current.capture || creates ? onResponse : undefined;
    };
    let request: AcRequest;
    if (fixed) {
      request = { method: fixed.method, path: fixed.path, headers: fixed.headers, body: fixed.body };
    } else {
      let first = true;
      request = {
        setupRequest: (req) => {
          if (!first) state.current = user.next();
          first = false;
          arm(request);
          const b = state.current;
          return { ...req, method: b.method, path: b.path, headers: b.headers, body: b.body ?? '' };
        },
      };
    }
    arm(request);
    client.setRequests([request]);
    client.on('response', (status, _bytes, ms) => {
      const now = elapsed();
      recorder.sent(now);
      recorder.response(state.current.op, status, ms * 1000, undefined, ctx.counted(now));
      if (fixed) arm(request);
      else if (!state.current.capture && status >= 400) state.user.answered(state.current, undefined);
    });
    client.on('timeout', () => {
      ctx.created?.lost(state.current);
      recorder.error(state.current.op, 'timeout', ctx.counted(elapsed()));
      state.user.answered(state.current, undefined);
    });
    client.on('connError', () => {
      ctx.created?.lost(state.current);
      recorder.error(state.current.op, 'connection', ctx.counted(elapsed()));
      state.user.answered(state.current, undefined);
    });
  };

  return new Promise((done, fail) => {
    // `histograms` and `skipAggregateResult` are real options of autocannon 9 (lib/run.js) missing from its types.
    const options = {
      url: ctx.url.origin,
      connections,
      duration: durationMs / 1000,
      timeout: Math.max(1, Math.ceil(ctx.timeoutMs / 1000)),
      sampleInt: 100,
      setupClient: setupClient as never,
      // We record latency ourselves (microseconds); skip autocannon's millisecond histogram and its summary.
      histograms: { latencies: skippedHistogram },
      skipAggregateResult: true,
    };
    const instance = autocannon(options as autocannon.Options, (error) => {
      ctx.signal.removeEventListener('abort', stop);
      // Each connection's last request may have been cut off unanswered when the segment ended.
      for (const state of states) ctx.created?.lost(state.current);
      if (error) fail(error);
      else done();
    });
    const stop = () => (instance as unknown as { stop(): void }).stop();
    ctx.signal.addEventListener('abort', stop, { once: true });
  });
}
