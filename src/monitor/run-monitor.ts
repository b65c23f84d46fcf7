import type { Secret } from '../config/types.ts';
import { selectChecks } from '../contract/check-selection.ts';
import type { CaseRunner } from '../contract/execute-case.ts';
import type { ContractOptions } from '../contract/types.ts';
import { TollgateError } from '../errors/tollgate-error.ts';
import type { LoadedSpec } from '../spec/types.ts';
import { serveMetrics } from './metrics-server.ts';
import { MonitorMetrics } from './monitor-metrics.ts';
import { type CycleResult, runProbeCycle, sleep } from './probe-cycle.ts';
import { planSmoke, type SmokePlan } from './smoke-plan.ts';

export interface MonitorInput {
  spec: LoadedSpec;
  baseURL: string;
  headers: Record<string, string>;
  query?: Record<string, string>;
  secrets: Secret[];
  /** The environment's contract options: which checks, envelope, timeouts. */
  contract: ContractOptions;
  intervalMs: number;
  /** Requests started per second within a cycle. */
  rateLimit: number;
  /** Requests per cycle, at most. */
  maxRequests: number;
  /** Only these operations (ids or `GET /path`), from the config at `where`. Default: every one that can be probed. */
  operations?: { names: string[]; where: string };
  timeoutMs: number;
  host: string;
  port: number;
  signal: AbortSignal;
  onStart?: (info: { url: string; plan: SmokePlan }) => void;
  onCycle?: (cycle: CycleResult, n: number) => void;
}

/**
 * `tollgate monitor`: a read-only contract smoke every interval, its results
 * served as Prometheus metrics until the signal aborts (SIGTERM, Ctrl-C);
 * then the server closes and it returns. Reads only, rate-limited, bounded:
 * it is meant to run against production.
 */
export async function runMonitor(input: MonitorInput): Promise<{ cycles: number }> {
  const plan = planSmoke(input.spec, input.maxRequests, input.operations);
  if (plan.probes.length === 0) {
    throw new TollgateError(
      'TG_NOTHING_TO_TEST',
      `${input.spec.source} has no GET or HEAD operation whose required parameters all have examples`,
      { hint: 'add `example:` to the path and query parameters of the reads to monitor' },
    );
  }
  const runner: CaseRunner = {
    spec: input.spec,
    target: { baseURL: input.baseURL, headers: input.headers, query: input.query },
    secrets: input.secrets,
    seed: 1,
    timeoutMs: input.timeoutMs,
    maxBodyBytes: input.contract.maxResponseBytes,
    selection: selectChecks(input.contract),
    handleMethodNotAllowed: input.contract.handleMethodNotAllowed ?? false,
    maxResponseMs: input.contract.maxResponseMs,
    envelope: input.contract.envelope,
    followRedirects: input.contract.followRedirects ?? false,
    signal: input.signal,
  };
  const metrics = new MonitorMetrics(
    input.intervalMs / 1000,
    plan.probes.map((p) => p.operation.key),
  );
  const server = await serveMetrics(metrics, input.host, input.port);
  input.onStart?.({ url: server.url, plan });
  let cycles = 0;
  try {
    while (!input.signal.aborted) {
      const started = Date.now();
      const cycle = await runProbeCycle(runner, plan.probes, input.rateLimit, input.signal);
      if (input.signal.aborted) break;
      cycles++;
      metrics.record(cycle);
      input.onCycle?.(cycle, cycles);
      await sleep(Math.max(0, started + input.intervalMs - Date.now()), input.signal);
    }
  } finally {
    await server.close();
  }
  return { cycles };
}
