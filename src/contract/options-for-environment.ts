import type { ResolvedEnvironment } from '../config/types.ts';
import type { ContractOptions } from './types.ts';

/** The engine options an environment asks for; the CLI, `gate` and the Playwright suite all start here. */
export function contractOptionsFor(env: ResolvedEnvironment): ContractOptions {
  const c = env.contract;
  return {
    seed: c.seed,
    maxCases: c.maxCases,
    workers: c.workers,
    rateLimit: c.rateLimit,
    timeoutMs: c.timeoutMs,
    maxResponseBytes: c.maxResponseBytes,
    checks: c.checks,
    requireStatusCoverage: c.requireStatusCoverage,
    maxResponseMs: c.maxResponseMs || undefined,
    envelope: c.envelope,
    maxUnanswered: c.maxUnanswered,
    maxRequests: c.maxRequests,
    failOn: c.failOn,
    excludeOperations: c.excludeOperations,
    excludePaths: c.excludePaths,
    excludeTags: c.excludeTags,
    includeSessionEnding: c.includeSessionEnding,
    followRedirects: c.followRedirects,
    readOnly: env.readOnly,
    handleMethodNotAllowed: env.handleMethodNotAllowed,
  };
}
