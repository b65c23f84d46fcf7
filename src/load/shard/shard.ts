import { TollgateError } from '../../errors/tollgate-error.ts';
import type { Schedule } from '../profile/stages.ts';

/** One slice of a run split over n processes: shard `index` (1..of) of `of`. */
export interface Shard {
  index: number;
  of: number;
}

/** Most shards one run may have (as many as k6-operator pods: `--parallelism` up to 1000). */
const maxShards = 1000;

/** `--shard 2/4` -> { index: 2, of: 4 }; `0/4`, `5/4` or `2of4` is a usage error (exit 2). */
export function parseShard(raw: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(raw.trim());
  const index = m ? Number(m[1]) : Number.NaN;
  const of = m ? Number(m[2]) : Number.NaN;
  if (!(index >= 1 && of >= 1 && index <= of && of <= maxShards))
    throw new TollgateError(
      'TG_USAGE',
      `--shard must be i/n with 1 <= i <= n <= ${maxShards} (e.g. --shard 1/4), got "${raw}"`,
    );
  return { index, of };
}

/**
 * The open model's split: shard i of n sends arrivals i-1, i-1+n, i-1+2n...
 * of the one schedule; with W worker threads, thread w of the shard sends
 * arrivals i-1+n·w, i-1+n·w+n·W... (the same rule at n·W).
 */
export function arrivalShare(shard: Shard | undefined, worker = 0, workers = 1) {
  const s = shard ?? { index: 1, of: 1 };
  return { index: s.index - 1 + s.of * worker, of: s.of * workers };
}

/** Closed model: c connections over n shards, the first c mod n shards one more (they sum to c). */
export function connectionsOf(connections: number, shard: Shard): number {
  return Math.floor(connections / shard.of) + (shard.index <= connections % shard.of ? 1 : 0);
}

/**
 * The closed model's split: every stage's connections divided among the
 * shards. A stage that holds fewer connections than shards cannot be split.
 */
export function shardSchedule(schedule: Schedule, shard: Shard | undefined, source: string): Schedule {
  if (!shard || shard.of === 1) return schedule;
  // A ramp's start may be below n (a ramp from nothing starts at 1): each shard still opens one.
  const fewest = Math.min(...schedule.stages.map((s) => s.toConnections));
  if (fewest < shard.of)
    throw new TollgateError(
      'TG_USAGE',
      `${source}: a closed-model stage holds ${fewest} connection(s), too few for ${shard.of} shards`,
      { hint: `use at most ${fewest} shards, or raise the stage's connections (--connections)` },
    );
  return {
    ...schedule,
    stages: schedule.stages.map((s) => ({
      ...s,
      fromConnections: connectionsOf(s.fromConnections, shard),
      toConnections: connectionsOf(s.toConnections, shard),
    })),
  };
}
