import { performance } from 'node:perf_hooks';
import { type CommandLine, startCommand } from '../command/run-command.ts';
import { evaluateGates, gatesVerdict } from '../gates/evaluate-gates.ts';
import type { ParsedGate } from '../gates/types.ts';
import { deleteCreated } from '../load/cleanup/delete-created.ts';
import type { EngineContext } from '../load/engines/engine.ts';
import { runOpenModel } from '../load/engines/open-engine.ts';
import { prepareRun } from '../load/engines/prepare-run.ts';
import { gateValues } from '../load/metrics/load-metrics.ts';
import type { LoadedProfile } from '../load/types.ts';
import { exitWords as exitText } from '../report/watch-text.ts';
import type { CommandRun, WatchResult, WatchSecond } from '../run/model.ts';
import type { LoadedSpec } from '../spec/types.ts';
import { WatchRecorder } from './watch-recorder.ts';

export interface WatchOptions {
  profile: LoadedProfile;
  baseURL: string;
  /** Auth and environment headers; sent, never reported. */
  headers?: Record<string, string>;
  spec?: LoadedSpec;
  /** Arrivals per second, held from start to end. */
  rate: number;
  /** The deploy command. */
  command: CommandLine;
  /** The rollback (`--on-fail`). */
  onFail?: CommandLine;
  /** Load before the command starts, ms. */
  beforeMs: number;
  /** Load kept after the command (and the rollback) exit, ms. */
  settleMs: number;
  /** Each command is stopped after this long, ms. */
  timeoutMs: number;
  /** Judged on the switch window only. */
  gates: ParsedGate[];
  /** Roll back as soon as a gate has failed for this long (ms; 0: at once). Unset: only a fail verdict at the end rolls back. */
  abortAfterMs?: number;
  cwd: string;
  /** Blanks secrets in what the commands print. */
  scrub: (text: string) => string;
  signal?: AbortSignal;
  onSecond?: (second: WatchSecond) => void;
  /** Progress lines: command started, exited, rollback... */
  onEvent?: (line: string) => void;
}

type Phase = WatchSecond['phase'];

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((done) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        done();
      },
      { once: true },
    );
  });

/**
 * Holds open-model load on a target while a deploy command runs: `beforeMs`
 * of load first (the baseline), then the command, then `settleMs` more. The
 * gates judge the switch window (command start to the end). With `onFail`,
 * a gate breach (after `abortAfterMs`) or a fail verdict at the end runs the
 * rollback while the load goes on, then `settleMs` more to see whether
 * traffic recovered. Never throws for what the target or the commands do.
 */
export async function runWatch(o: WatchOptions): Promise<WatchResult> {
  const p = o.profile.options;
  const maxMs = o.beforeMs + (o.timeoutMs + o.settleMs) * (o.onFail ? 2 : 1) + 5000;
  const profile: LoadedProfile = {
    ...o.profile,
    options: { ...p, model: 'open', rate: o.rate, stages: undefined, duration: maxMs / 1000, workers: 1 },
  };
  const { schedule, url, plan, sampler, created, prefix } = prepareRun({
    profile,
    baseURL: o.baseURL,
    headers: o.headers,
    spec: o.spec,
  });
  const stop = new AbortController();
  const userStop = new AbortController();
  const onAbort = () => userStop.abort();
  o.signal?.addEventListener('abort', onAbort, { once: true });
  if (o.signal?.aborted) onAbort();
  const startedAt = new Date();
  const t0 = performance.now();
  const now = () => performance.now() - t0;
  const recorder = new WatchRecorder(t0, plan.expectedStatuses());
  const ctx: EngineContext = {
    plan,
    url,
    schedule,
    recorder,
    sampler,
    counted: (t) => t >= recorder.windowStartMs,
    t0,
    timeoutMs: p.timeoutMs ?? 10_000,
    maxConnections: p.connections ?? Math.min(512, Math.max(8, Math.ceil(o.rate / 20))),
    signal: stop.signal,
    created,
    resendStale: true,
  };
  const engine = runOpenModel(ctx);

  let phase: Phase = 'before';
  const timeline: WatchSecond[] = [];
  // A second is labelled with the phase it began in; the exact start and end of each command are in the result.
  let phaseAtStart: Phase = phase;
  const ticker = setInterval(() => {
    const second = recorder.closeSecond(timeline.length + 1, phaseAtStart);
    phaseAtStart = phase;
    timeline.push(second);
    o.onSecond?.(second);
  }, 1000);

  let trigger: ((reason: string) => void) | undefined;
  const triggered = new Promise<string>((fire) => {
    trigger = fire;
  });
  let triggerReason: string | undefined;
  const fire = (reason: string) => {
    if (triggerReason !== undefined) return;
    triggerReason = reason;
    trigger?.(reason);
  };
  let breachedSince: number | undefined;
  const watcher = setInterval(() => {
    if (o.abortAfterMs === undefined || o.gates.length === 0 || phase === 'before') return;
    if (phase === 'rollback' || phase === 'after') return;
    const failing = evaluateGates({ values: windowValues() }, o.gates).filter((g) => g.verdict === 'fail');
    if (failing.length === 0) {
      breachedSince = undefined;
      return;
    }
    breachedSince ??= now();
    if (now() - breachedSince >= o.abortAfterMs) {
      const g = failing[0];
      fire(`gate ${g.name} ${g.threshold} breached (measured ${g.measuredText}; abortOnFail)`);
    }
  }, 100);
  const windowValues = () =>
    gateValues(recorder, o.gates, Math.max(0.001, (now() - recorder.windowStartMs) / 1000));

  const notes: string[] = [];
  let command: CommandRun | undefined;
  let rollback: WatchResult['rollback'];
  let unreachable: string | undefined;
  const run = (line: CommandLine) =>
    startCommand(line, { cwd: o.cwd, t0, timeoutMs: o.timeoutMs, scrub: o.scrub });
  const interrupted = new Promise<'interrupted'>((done) =>
    userStop.signal.addEventListener('abort', () => done('interrupted'), { once: true }),
  );
  if (userStop.signal.aborted) notes.push('interrupted before the command started');
  try {
    await sleep(o.beforeMs, userStop.signal);
    const before = recorder.before;
    if (before.requests > 0 && before.requests === totalFailures(before.failures)) {
      unreachable = `no request was answered in the ${Math.round(o.beforeMs / 1000)} s before the command (${before.requests} failed): the command was not run`;
    } else if (!userStop.signal.aborted) {
      recorder.windowStartMs = now();
      phase = 'command';
      const deploy = run(o.command);
      o.onEvent?.(`command started: ${deploy.text}`);
      const first = await Promise.race([deploy.done, triggered, interrupted]);
      if (typeof first !== 'string') {
        command = first;
        o.onEvent?.(`command ${exitText(first)}; settling ${o.settleMs / 1000}s`);
        phase = 'settle';
        await Promise.race([sleep(o.settleMs, userStop.signal), triggered]);
      } else {
        // A breach during the command (or Ctrl-C) stops it: the rollback must not race the rollout.
        deploy.stop();
        command = await deploy.done;
        notes.push(
          `the command was stopped by tollgate (${first === 'interrupted' ? 'interrupted' : first})`,
        );
      }
      const verdictNow = gatesVerdict(evaluateGates({ values: windowValues() }, o.gates));
      if (!triggerReason && !userStop.signal.aborted) {
        if (command.exitCode !== 0) fire(`the command ${exitText(command)}`);
        else if (verdictNow === 'fail') fire('a gate failed at the end of the window');
      }
      if (triggerReason && o.onFail && !userStop.signal.aborted) {
        phase = 'rollback';
        const back = run(o.onFail);
        o.onEvent?.(`rolling back (${triggerReason}): ${back.text}`);
        const done = await Promise.race([back.done, interrupted]);
        if (done === 'interrupted') back.stop();
        const rolled = await back.done;
        o.onEvent?.(`rollback ${exitText(rolled)}; settling ${o.settleMs / 1000}s`);
        phase = 'after';
        const graceMs = Math.min(1000, o.settleMs / 2);
        recorder.watchFrom(rolled.endMs + graceMs);
        await sleep(o.settleMs, userStop.signal);
        const recovered = recorder.answeredSince > 0 ? recorder.failedSince === 0 : null;
        rollback = { ...rolled, trigger: triggerReason, recovered };
      } else if (triggerReason && !o.onFail && command.exitCode === 0) {
        notes.push(`${triggerReason}; no --on-fail command to roll back with`);
      }
    }
  } finally {
    stop.abort();
    o.signal?.removeEventListener('abort', onAbort);
  }
  const outcome = await engine;
  clearInterval(ticker);
  clearInterval(watcher);
  const endMs = now();
  const lastSecond = endMs - timeline.length * 1000;
  if (lastSecond > 300)
    timeline.push(recorder.closeSecond(timeline.length + 1, phaseAtStart, lastSecond / 1000));

  const windowStart = Number.isFinite(recorder.windowStartMs) ? recorder.windowStartMs : endMs;
  const sent = timeline.reduce((sum, s) => sum + s.sent, 0);
  const planned = (o.rate * endMs) / 1000;
  const doubt =
    outcome.dropped > 0
      ? `${outcome.dropped} arrivals dropped (every connection busy, queue full)`
      : sent < planned * 0.9
        ? `the generator sent ${sent} of ${Math.round(planned)} planned requests`
        : undefined;
  const gates = evaluateGates(
    { values: windowValues(), unreliable: doubt },
    o.gates,
    `watch:${o.profile.name}`,
  );
  if (recorder.before.failures && totalFailures(recorder.before.failures) > 0 && !unreachable) {
    notes.push(
      `${totalFailures(recorder.before.failures)} requests failed before the command started: the target was not healthy before the switch`,
    );
  }
  if (unreachable) notes.push(unreachable);
  if (recorder.resentCount > 0) {
    notes.push(
      `${recorder.resentCount} requests were resent once on a new connection after the server closed an idle keep-alive connection under them (as HTTP clients do; not failures)`,
    );
  }
  if (userStop.signal.aborted) notes.push('interrupted (Ctrl-C): the run stopped early');
  const made = created && o.spec ? created.resolve(o.spec, prefix) : undefined;
  if (made) {
    const cleanup = await deleteCreated(made, {
      origin: url.origin,
      headers: o.headers ?? {},
      budgetMs: 30_000,
      timeoutMs: Math.min(p.timeoutMs ?? 10_000, 10_000),
    });
    if (cleanup.created > 0)
      notes.push(`cleanup: deleted ${cleanup.deleted} of ${cleanup.created} created resources`);
  }
  const result: WatchResult = {
    profile: o.profile.name,
    source: o.profile.source,
    rate: o.rate,
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(endMs),
    beforeMs: Math.round(Math.min(o.beforeMs, windowStart)),
    settleMs: o.settleMs,
    command,
    window: recorder.window.summary(windowStart, endMs),
    before: recorder.before.summary(0, windowStart),
    timeline,
    gates,
    dropped: outcome.dropped,
    resent: recorder.resentCount,
    notes,
  };
  if (rollback) result.rollback = rollback;
  if (unreachable) result.unreachable = unreachable;
  if (userStop.signal.aborted) result.aborted = { reason: 'interrupted' };
  return result;
}

function totalFailures(f: {
  http5xx: number;
  http4xx: number;
  timeouts: number;
  refused: number;
  resets: number;
}) {
  return f.http5xx + f.http4xx + f.timeouts + f.refused + f.resets;
}
