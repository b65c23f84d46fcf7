import type { UserContractOptions, UserStage } from './types.ts';

/** Every default in one place; types.ts documents each next to its option. */
export const defaults = {
  reportsDir: 'reports',
  generatedDir: 'specs/generated',
  loadDir: 'load',
  specsDir: 'specs',
  contract: {
    seed: 1,
    maxCases: 25,
    workers: 4,
    rateLimit: 0,
    timeoutMs: 10_000,
    maxResponseBytes: 4 * 1024 * 1024,
    checks: {},
    requireStatusCoverage: false,
    maxResponseMs: 0,
    envelope: false,
    maxUnanswered: '1%',
    maxRequests: 10_000,
    failOn: 'error',
    excludeOperations: [],
    excludePaths: [],
    excludeTags: [],
    includeSessionEnding: false,
    followRedirects: false,
  } satisfies Required<UserContractOptions>,
  webServer: { readyPath: '/', timeoutMs: 30_000 },
  stages: ['generate-check', 'contract'] as UserStage[],
  readOnly: { maxRate: 50, maxDurationSec: 60 },
  prometheus: { scrapeIntervalSec: 15, notMeasured: 'fail' as const },
  monitor: { intervalMs: 30_000, port: 9470, rate: 2 },
} as const;
