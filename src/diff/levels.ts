import type { DiffFinding, DiffLevel } from './types.ts';

const rank: Record<DiffLevel, number> = { INFO: 0, WARN: 1, ERR: 2 };

/** `--fail-on WARN` fails on WARN and ERR, like oasdiff's `--fail-on`. */
export function failsAt(level: DiffLevel, failOn: DiffLevel): boolean {
  return rank[level] >= rank[failOn];
}

export function isLevel(value: unknown): value is DiffLevel {
  return value === 'ERR' || value === 'WARN' || value === 'INFO';
}

/** ERR first, then WARN, then INFO; stable within a level. */
export function byLevel(a: DiffFinding, b: DiffFinding): number {
  return rank[b.level] - rank[a.level];
}
