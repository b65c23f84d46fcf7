import type { GateSet } from '../gates/types.ts';
import type { LoadResult } from '../run/model.ts';
import type { RecorderSnapshot } from './metrics/recorder.ts';
import type { Overrides } from './profile/stages.ts';
import type { SelfCheckInput } from './safety/self-check.ts';
import type { Shard } from './shard/shard.ts';

export type { LoadedProfile } from './profile/loaded-profile.ts';

/**
 * What a shard's load.json carries beyond its own report, so that `tollgate
 * merge` can judge every shard as one run: the recorder's counters and HDR
 * histograms exactly, what the self-check was given, and the run's identity.
 */
export interface ShardRecord extends Shard {
  /** The gates of the environment as the run had them (--gate flags applied). */
  gates: GateSet;
  overrides?: Overrides;
  measuredSec: number;
  selfCheckInput: SelfCheckInput;
  snapshot: RecorderSnapshot;
}

/** LoadResult plus what only the load report shows (extra fields; the shared type is unchanged). */
export type LoadReport = Omit<LoadResult, 'timeline'> & {
  env: string;
  timeline: (LoadResult['timeline'][number] & { sent: number })[];
  /** Open model: arrivals never sent (queue full). */
  dropped: number;
  peakConnections: number;
  /** Worker threads that generated the load (1: the main thread alone). */
  threads?: number;
  /** Open model: requests sent per 100 ms of the run, warm-up included (how even the arrivals were). */
  sendsPer100ms?: number[];
  /** Why gates judged what they judged: the window and the histogram. */
  gateWindow: 'measured' | 'steady';
  /** Present in a shard's run (`tollgate load --shard i/n`): what `tollgate merge` reads. */
  shard?: ShardRecord;
};
