import { performance } from 'node:perf_hooks';
import type { BuiltRequest, VirtualUser } from '../plan/request-plan.ts';
import type { CapturedResponse } from '../profile/define-profile.ts';
import { pumpArrivals } from './arrival-pump.ts';
import { capturedResponse, type EngineContext, type EngineOutcome } from './engine.ts';
import { HttpConnection, type RawResponse, requestBytes } from './http-connection.ts';

interface Pending {
  user: VirtualUser;
  request: BuiltRequest;
  bytes: Buffer;
  /** ms since t0 when the schedule meant to send it. */
  intended: number;
  /** Already resent once after a stale keep-alive connection. */
  resent?: boolean;
}

/** RFC 9110 §9.2.2: methods a client may send again without changing the outcome. */
const idempotent = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);

interface Slot {
  conn: HttpConnection;
  job?: Pending & { sentAt: number };
}

/**
 * The open model, on our own scheduler (autocannon's limiter sends each
 * second's budget in a burst and its rate is per worker). Arrivals are due at
 * evenly spaced intended times; each is sent on an idle keep-alive
 * connection, or waits in a queue when all are busy. Latency is recorded from
 * the actual send (uncorrected) and from the intended time (corrected for
 * coordinated omission, as wrk2 does).
 */
export async function runOpenModel(ctx: EngineContext): Promise<EngineOutcome> {
  const { plan, recorder, sampler, schedule } = ctx;
  const host = ctx.url.host;
  const port = Number(ctx.url.port || 80);
  const elapsed = () => performance.now() - ctx.t0;
  // A fixed request is built once: no per-arrival generator calls or serialisation.
  const staticRequest = plan.isStatic ? plan.newUser().next() : undefined;
  const staticBytes = staticRequest ? build(staticRequest) : undefined;
  const idleUsers: VirtualUser[] = [];
  const slots: Slot[] = [];
  const idle: Slot[] = [];
  const queue: Pending[] = [];
  const maxQueue = Math.min(
    100_000,
    Math.max(1000, Math.ceil((Math.max(...schedule.stages.map((s) => s.toRate)) * ctx.timeoutMs) / 1000)),
  );
  let queueHead = 0;
  let dropped = 0;
  let stopping = false;

  function build(request: BuiltRequest): Buffer {
    return requestBytes(request.method, request.path, host, request.headers, request.body);
  }

  function openSlot(): Slot {
    const slot: Slot = { conn: undefined as unknown as HttpConnection };
    slot.conn = new HttpConnection(ctx.url.hostname, port, {
      onResponse: (response) => answered(slot, response),
      onError: (error, inFlight, stale) => {
        const job = slot.job;
        if (
          inFlight &&
          job &&
          stale &&
          ctx.resendStale &&
          !job.resent &&
          idempotent.has(job.request.method)
        ) {
          recorder.resent(job.request.op);
          send(slot, { ...job, resent: true });
          return;
        }
        if (inFlight && slot.job) {
          const timeout = error.code === 'ETIMEDOUT';
          ctx.created?.lost(slot.job.request);
          recorder.error(
            slot.job.request.op,
            timeout ? 'timeout' : 'connection',
            ctx.counted(slot.job.intended),
            error.code,
          );
          finish(slot, undefined);
        }
      },
    });
    slots.push(slot);
    return slot;
  }

  let lagSum = 0;
  let lagCount = 0;
  function send(slot: Slot, job: Pending, direct = false): void {
    const sentAt = elapsed();
    if (direct && ctx.counted(job.intended)) {
      lagSum += sentAt - job.intended;
      lagCount++;
    }
    slot.job = { ...job, sentAt };
    recorder.sent(sentAt);
    slot.conn.send(job.bytes, job.request.method === 'HEAD');
  }

  function dispatch(job: Pending): void {
    const slot = idle.pop() ?? (slots.length < ctx.maxConnections ? openSlot() : undefined);
    if (slot) {
      send(slot, job, true);
      return;
    }
    if (queue.length - queueHead >= maxQueue) {
      dropped++;
      release(job.user);
      return;
    }
    queue.push(job);
  }

  function answered(slot: Slot, response: RawResponse): void {
    const job = slot.job;
    if (!job) return;
    const now = elapsed();
    const counted = ctx.counted(job.intended);
    const micros = (now - job.sentAt) * 1000;
    recorder.response(job.request.op, response.status, micros, (now - job.intended) * 1000, counted);
    if (sampler.wants(job.request)) {
      const failures = sampler.check(
        job.request,
        ctx.url.origin,
        response.status,
        response.headers,
        response.body,
        micros / 1000,
      );
      recorder.contract(job.request.op, failures, counted);
    }
    ctx.created?.record(job.request, response);
    finish(slot, capturedResponse(job.request, response));
  }

  function finish(slot: Slot, response: CapturedResponse | undefined) {
    const job = slot.job!;
    slot.job = undefined;
    job.user.answered(job.request, response);
    if (job.user.midSequence && !stopping) {
      const request = job.user.next();
      send(slot, { user: job.user, request, bytes: build(request), intended: elapsed() });
      return;
    }
    release(job.user);
    if (queueHead < queue.length && !stopping) {
      const next = queue[queueHead++];
      if (queueHead > 4096 && queueHead * 2 > queue.length) {
        queue.splice(0, queueHead);
        queueHead = 0;
      }
      send(slot, next);
      return;
    }
    idle.push(slot);
  }

  function release(user: VirtualUser): void {
    if (!user.midSequence) idleUsers.push(user);
  }

  let staticUser: VirtualUser | undefined;
  function arrive(intended: number): void {
    if (staticRequest && staticBytes) {
      staticUser ??= plan.newUser();
      dispatch({ user: staticUser, request: staticRequest, bytes: staticBytes, intended });
      return;
    }
    const user = idleUsers.pop() ?? plan.newUser();
    const request = user.next();
    dispatch({ user, request, bytes: build(request), intended });
  }

  const sweep = setInterval(() => {
    const now = elapsed();
    for (const slot of slots) {
      if (slot.job && now - slot.job.sentAt > ctx.timeoutMs) {
        slot.conn.abort();
        ctx.created?.lost(slot.job.request);
        recorder.error(slot.job.request.op, 'timeout', ctx.counted(slot.job.intended));
        finish(slot, undefined);
      }
    }
  }, 100);

  // With N workers, worker i takes arrivals i, i+N, i+2N...: the total rate holds.
  await pumpArrivals(schedule, { elapsed, signal: ctx.signal, share: ctx.share }, arrive);

  stopping = true;
  dropped += queue.length - queueHead;
  const grace = ctx.signal.aborted ? 1000 : Math.min(ctx.timeoutMs, 5000);
  const deadline = performance.now() + grace;
  while (slots.some((s) => s.job) && performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 10));
  }
  clearInterval(sweep);
  for (const slot of slots) {
    if (slot.job) ctx.created?.lost(slot.job.request);
    slot.conn.destroy();
  }
  return { dropped, peakConnections: slots.length, meanLagMs: lagCount ? lagSum / lagCount : undefined };
}
