import { type CaseRunner, executeCase } from '../contract/execute-case.ts';
import type { Finding } from '../run/model.ts';
import type { SmokeProbe } from './smoke-plan.ts';

/** What one request of a cycle gave: its latency when answered, why not when not, and its findings. */
interface ProbeResult {
  operation: string;
  /** Seconds from send to the end of the body; absent when nothing was answered. */
  seconds?: number;
  /** timeout, unreachable, ...: set when no answer came. */
  failure?: string;
  findings: Finding[];
}

export interface CycleResult {
  startedAt: number;
  durationSeconds: number;
  probes: ProbeResult[];
  /** Every request answered and no error finding: the smoke passed. */
  success: boolean;
}

/**
 * One smoke cycle: the probes in order, one at a time, at most `ratePerSecond`
 * of them started per second, checked by the contract checks. An aborted
 * signal stops it between two requests; what was answered still counts.
 */
export async function runProbeCycle(
  runner: CaseRunner,
  probes: SmokeProbe[],
  ratePerSecond: number,
  signal: AbortSignal,
): Promise<CycleResult> {
  const startedAt = Date.now();
  const gapMs = ratePerSecond > 0 ? 1000 / ratePerSecond : 0;
  const results: ProbeResult[] = [];
  for (const [i, probe] of probes.entries()) {
    if (signal.aborted) break;
    const wait = startedAt + i * gapMs - Date.now();
    if (wait > 0) await sleep(wait, signal);
    if (signal.aborted) break;
    const outcome = await executeCase(runner, probe.operation, probe.testCase);
    results.push({
      operation: probe.operation.key,
      seconds: outcome.exchange ? outcome.exchange.response.elapsedMs / 1000 : undefined,
      failure: outcome.error?.kind,
      findings: outcome.findings,
    });
  }
  const success =
    results.length === probes.length &&
    results.every((r) => !r.failure && r.findings.every((f) => (f.severity ?? 'error') !== 'error'));
  return { startedAt, durationSeconds: (Date.now() - startedAt) / 1000, probes: results, success };
}

/** Resolves after `ms`, or at once when the signal aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
