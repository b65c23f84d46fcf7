import { defaults } from '../../config/defaults.ts';
import { contractOptionsFor } from '../../contract/options-for-environment.ts';
import { TollgateError } from '../../errors/tollgate-error.ts';
import { parseDuration } from '../../load/profile/stages.ts';
import type { CycleResult } from '../../monitor/probe-cycle.ts';
import { runMonitor } from '../../monitor/run-monitor.ts';
import { openTarget } from '../../target/open-target.ts';
import { type Command, targetOptions } from '../command.ts';

/** /metrics is served on loopback only. */
const host = '127.0.0.1';

/**
 * `tollgate monitor --env production`: a synthetic monitor. Every interval it
 * sends the spec's examples to its GET and HEAD operations, checks the
 * answers against the contract and serves the results on /metrics, until
 * SIGTERM or Ctrl-C (exit 0). An API that does not answer is a failed probe,
 * not an exit: the monitor keeps trying.
 */
export const monitorCommand: Command = {
  name: 'monitor',
  summary:
    'every --interval, a read-only contract smoke (GET/HEAD examples); results on /metrics for Prometheus',
  usage: 'tollgate monitor --env <name> | --spec <file> --base-url <url> [--interval 30s] [--port 9470]',
  examples: [
    'tollgate monitor --env production',
    'tollgate monitor --spec specs/albums.openapi.yaml --base-url http://127.0.0.1:8080 --interval 10s --port 9471',
  ],
  options: {
    ...targetOptions,
    interval: {
      type: 'string',
      description: "time between two cycles (default: the environment's monitor.interval, else 30s)",
      valueName: 'time',
    },
    port: {
      type: 'string',
      description: `port of /metrics on ${host}, 0 = any free one (default: the environment's monitor.port, else ${defaults.monitor.port})`,
      valueName: 'n',
    },
    'rate-limit': {
      type: 'string',
      description: `probe requests started per second, at most (default: the environment's monitor.rate, else ${defaults.monitor.rate})`,
      valueName: 'rps',
    },
    'max-requests': {
      type: 'string',
      description: 'probe requests per cycle, at most (default 50)',
      valueName: 'n',
    },
    timeout: { type: 'string', description: 'per-request timeout in ms (default 5000)', valueName: 'ms' },
  },
  async run(ctx) {
    const flagInterval = duration(ctx.values.interval, '--interval');
    const flagPort = integer(ctx.values.port, '--port', 0, 65535);
    const flagRate = positive(ctx.values['rate-limit'], '--rate-limit');
    const maxRequests = integer(ctx.values['max-requests'], '--max-requests', 1, 1000) ?? 50;
    const timeoutMs = integer(ctx.values.timeout, '--timeout', 1, 600_000) ?? 5000;
    const target = await openTarget(ctx, { probe: false });
    try {
      // Flags win over the environment's `monitor` block, which wins over the defaults.
      const configured = target.env.monitor;
      const intervalMs = flagInterval ?? configured.intervalMs;
      const port = flagPort ?? configured.port;
      const rateLimit = flagRate ?? configured.rate;
      const { cycles } = await runMonitor({
        spec: target.spec,
        baseURL: target.baseURL,
        headers: target.headers,
        query: target.query,
        secrets: target.secrets,
        contract: contractOptionsFor(target.env),
        intervalMs,
        rateLimit,
        maxRequests,
        operations: configured.operations && {
          names: configured.operations,
          where: `environments.${target.envName}.monitor.operations`,
        },
        timeoutMs,
        host,
        port,
        signal: ctx.signal,
        onStart: ({ url, plan }) => {
          ctx.err(
            `serving ${url}: ${plan.probes.length} requests every ${intervalMs / 1000}s to ${target.baseURL}`,
          );
          for (const s of plan.skipped) ctx.err(`note: not probed: ${s.operation} (${s.reason})`);
        },
        onCycle: (cycle, n) => ctx.err(cycleLine(cycle, n)),
      });
      ctx.err(`stopped after ${cycles} cycles`);
      return 0;
    } finally {
      await target.close();
    }
  },
};

function cycleLine(cycle: CycleResult, n: number): string {
  const failed = cycle.probes.filter((p) => p.failure);
  const findings = cycle.probes.flatMap((p) => p.findings);
  const parts = [`${cycle.probes.length} requests in ${cycle.durationSeconds.toFixed(2)}s`];
  if (failed.length) parts.push(`${failed.length} unanswered (${failed[0].operation}: ${failed[0].failure})`);
  if (findings.length)
    parts.push(`${findings.length} violations (${findings[0].check} on ${findings[0].operation})`);
  return `cycle ${n}: ${cycle.success ? 'ok' : 'FAIL'}, ${parts.join(', ')}`;
}

function duration(value: unknown, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = parseDuration(String(value));
  if (!(ms >= 100))
    throw new TollgateError(
      'TG_USAGE',
      `${flag} must look like 30s, 1m or 500ms (at least 100ms), got "${value}"`,
    );
  return ms;
}

function integer(value: unknown, flag: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new TollgateError('TG_USAGE', `${flag} must be an integer from ${min} to ${max}, got "${value}"`);
  return n;
}

function positive(value: unknown, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!(n > 0) || n > 1000)
    throw new TollgateError('TG_USAGE', `${flag} must be a number above 0, at most 1000, got "${value}"`);
  return n;
}
