import { performance } from 'node:perf_hooks';
import type { BuiltRequest, VirtualUser } from '../plan/request-plan.ts';
import type { CapturedResponse } from '../profile/define-profile.ts';
import { connectionsAt, stageAt } from '../profile/stages.ts';
import { capturedResponse, type EngineContext, type EngineOutcome } from './engine.ts';
import { HttpConnection, type RawResponse, requestBytes } from './http-connection.ts';

/** One connection of the closed model and the virtual user who drives it. */
interface Loop {
  conn: HttpConnection;
  user: VirtualUser;
  request?: BuiltRequest;
  /** ms since t0 when the request in flight left; undefined when none is. */
  sentAt?: number;
  /** Set when the stage holds fewer connections: the loop ends after its answer. */
  retiring: boolean;
}

/** How often the engine follows a ramp's connection count and sweeps timed-out requests. */
const tickMs = 100;

/**
 * The closed model, on the same minimal keep-alive client as the open model:
 * N connections, each sending its user's next request as soon as the last one
 * is answered. Latency is taken from the send to the last byte of the answer
 * (microseconds, uncorrected: a closed model has no intended times). Ramps
 * follow connectionsAt every 100 ms: a new connection opens at once, a
 * surplus one closes after its answer. When the schedule ends nothing new is
 * sent; answers still in flight are waited for (the timeout, at most 5 s).
 */
export async function runClosedModel(ctx: EngineContext): Promise<EngineOutcome> {
  const { plan, recorder, sampler, schedule } = ctx;
  const host = ctx.url.host;
  const port = Number(ctx.url.port || 80);
  const elapsed = () => performance.now() - ctx.t0;
  // A fixed request is built once: no per-request generator calls or serialisation.
  const fixed = plan.isStatic ? plan.newUser().next() : undefined;
  const fixedBytes = fixed ? build(fixed) : undefined;
  const loops = new Set<Loop>();
  let holding = 0;
  let peakConnections = 0;
  let stopping = false;

  function build(request: BuiltRequest): Buffer {
    return requestBytes(request.method, request.path, host, request.headers, request.body);
  }

  function open(): void {
    const loop: Loop = {
      conn: undefined as unknown as HttpConnection,
      user: plan.newUser(),
      retiring: false,
    };
    loop.conn = new HttpConnection(ctx.url.hostname, port, {
      onResponse: (response) => answered(loop, response),
      onError: (error, inFlight) => {
        if (!inFlight || loop.sentAt === undefined || !loop.request) return;
        ctx.created?.lost(loop.request);
        const kind = error.code === 'ETIMEDOUT' ? 'timeout' : 'connection';
        recorder.error(loop.request.op, kind, ctx.counted(loop.sentAt), error.code);
        done(loop, undefined);
      },
    });
    loops.add(loop);
    holding++;
    peakConnections = Math.max(peakConnections, loops.size);
    send(loop);
  }

  function send(loop: Loop): void {
    if (stopping || loop.retiring) {
      close(loop);
      return;
    }
    const request = fixed ?? loop.user.next();
    loop.request = request;
    loop.sentAt = elapsed();
    recorder.sent(loop.sentAt);
    loop.conn.send(fixedBytes ?? build(request), request.method === 'HEAD');
  }

  function answered(loop: Loop, response: RawResponse): void {
    const request = loop.request;
    const sentAt = loop.sentAt;
    if (!request || sentAt === undefined) return;
    const micros = (elapsed() - sentAt) * 1000;
    const counted = ctx.counted(sentAt);
    recorder.response(request.op, response.status, micros, undefined, counted);
    if (sampler.wants(request)) {
      const failures = sampler.check(
        request,
        ctx.url.origin,
        response.status,
        response.headers,
        response.body,
        micros / 1000,
      );
      recorder.contract(request.op, failures, counted);
    }
    ctx.created?.record(request, response);
    done(loop, capturedResponse(request, response));
  }

  function done(loop: Loop, response: CapturedResponse | undefined): void {
    if (!fixed && loop.request) loop.user.answered(loop.request, response);
    loop.sentAt = undefined;
    // A failed socket reports from its own event; the next send opens a new one.
    if (response) send(loop);
    else setImmediate(() => send(loop));
  }

  function close(loop: Loop): void {
    if (!loops.delete(loop)) return;
    if (!loop.retiring) holding--;
    loop.conn.destroy();
  }

  /** Opens or retires connections to what the stage holds now; sweeps requests past the timeout. */
  function tick(): void {
    const now = elapsed();
    const stage = stageAt(schedule, now);
    const target = stage && !ctx.signal.aborted ? connectionsAt(stage, now) : 0;
    while (holding < target) open();
    for (const loop of loops) {
      if (holding <= target) break;
      if (loop.retiring) continue;
      loop.retiring = true;
      holding--;
      if (loop.sentAt === undefined) close(loop);
    }
    for (const loop of loops) {
      if (loop.sentAt !== undefined && loop.request && now - loop.sentAt > ctx.timeoutMs) {
        loop.conn.abort();
        ctx.created?.lost(loop.request);
        recorder.error(loop.request.op, 'timeout', ctx.counted(loop.sentAt));
        done(loop, undefined);
      }
    }
  }

  tick();
  const ticker = setInterval(tick, tickMs);
  await new Promise<void>((resolve) => {
    const end = () => {
      clearTimeout(timer);
      ctx.signal.removeEventListener('abort', end);
      resolve();
    };
    const timer = setTimeout(end, Math.max(0, schedule.totalMs - elapsed()));
    ctx.signal.addEventListener('abort', end, { once: true });
    if (ctx.signal.aborted) end();
  });
  stopping = true;
  const grace = ctx.signal.aborted ? 1000 : Math.min(ctx.timeoutMs, 5000);
  const deadline = performance.now() + grace;
  while ([...loops].some((l) => l.sentAt !== undefined) && performance.now() < deadline) {
    tick();
    await new Promise((r) => setTimeout(r, 10));
  }
  clearInterval(ticker);
  for (const loop of loops) {
    if (loop.sentAt !== undefined && loop.request) ctx.created?.lost(loop.request);
    loop.conn.destroy();
  }
  loops.clear();
  return { dropped: 0, peakConnections };
}
