import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FindingGroupRef, RunModel, Verdict } from './model.ts';

/**
 * What trends need from a run, one line per run in
 * `reports/history/<env>.ndjson`. Run folders may be deleted (CI artifacts
 * expire); the history line stays small and survives.
 */
export interface RunSummary {
  id: string;
  env: string;
  startedAt: string;
  verdict: Verdict;
  durationMs: number;
  operations: OperationStats[];
  findingGroups: FindingGroupRef[];
}

interface OperationStats {
  operation: string;
  /** `load:<profile>` or `contract`. */
  source: string;
  p95: number;
  p99: number;
  /** Ratio 0..1. */
  errorRate: number;
  requests: number;
}

export function summariseRun(model: RunModel): RunSummary {
  const operations: OperationStats[] = [];
  for (const load of model.load ?? []) {
    for (const op of load.perOperation) {
      operations.push({
        operation: op.operation,
        source: `load:${load.profile}`,
        p95: op.latencyMs.p95,
        p99: op.latencyMs.p99,
        errorRate: op.errors.rate,
        requests: op.requests,
      });
    }
  }
  for (const op of model.contract?.operations ?? []) {
    if (!op.latencyMs) continue;
    const serverErrors = Object.entries(op.seen)
      .filter(([status]) => status.startsWith('5'))
      .reduce((sum, [, n]) => sum + n, 0);
    operations.push({
      operation: op.operation,
      source: 'contract',
      p95: op.latencyMs.p95,
      p99: op.latencyMs.p99,
      errorRate: op.cases > 0 ? serverErrors / op.cases : 0,
      requests: op.cases,
    });
  }
  const findingGroups = (model.contract?.groups ?? []).map(({ key, check, operation, title }) => ({
    key,
    check,
    operation,
    title,
  }));
  const { id, env, startedAt, verdict, durationMs } = model;
  return { id, env, startedAt, verdict, durationMs, operations, findingGroups };
}

function historyFile(reportsDir: string, env: string): string {
  return join(resolve(reportsDir), 'history', `${env.replace(/[^A-Za-z0-9_.-]+/g, '_')}.ndjson`);
}

/** Appends the run's summary to its environment's history. */
export function appendHistory(reportsDir: string, model: RunModel): void {
  const file = historyFile(reportsDir, model.env);
  mkdirSync(resolve(file, '..'), { recursive: true });
  appendFileSync(file, `${JSON.stringify(summariseRun(model))}\n`);
}

/** Every summary of an environment, oldest first; unreadable lines (a crash mid-write) are skipped. */
export function readHistory(reportsDir: string, env: string): RunSummary[] {
  const file = historyFile(reportsDir, env);
  if (!existsSync(file)) return [];
  const runs: RunSummary[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      runs.push(JSON.parse(line) as RunSummary);
    } catch {
      // a torn last line must not hide the rest of the history
    }
  }
  return runs;
}

/**
 * The run before `currentId` in the environment's history (the newest one
 * when `currentId` is not in it yet), or undefined on a first run.
 */
export function previousRun(reportsDir: string, env: string, currentId?: string): RunSummary | undefined {
  const runs = readHistory(reportsDir, env);
  const at = currentId ? runs.findIndex((run) => run.id === currentId) : -1;
  const before = at >= 0 ? runs.slice(0, at) : runs.filter((run) => run.id !== currentId);
  return before.at(-1);
}
