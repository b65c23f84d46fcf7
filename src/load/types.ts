import type { LoadResult } from '../run/model.ts';
import type { ProfileOptions, UntypedPaths } from './define-profile.ts';
import type { CleanupSummary } from './delete-created.ts';

/** A profile read from disk: its name (file name without .ts), file and options. */
export interface LoadedProfile {
  name: string;
  /** Path as the user would write it, e.g. `load/baseline.ts`. */
  source: string;
  /** Absolute path of the file, when it came from one (worker threads re-import it). */
  file?: string;
  /** Typed by the profile's own `paths`; the engine reads it as data. */
  options: ProfileOptions<UntypedPaths>;
}

/** LoadResult plus what only the load report shows (extra fields; the shared type is unchanged). */
export type LoadReport = Omit<LoadResult, 'timeline'> & {
  env: string;
  timeline: (LoadResult['timeline'][number] & { sent: number })[];
  /** Open model: arrivals never sent (queue full). */
  dropped: number;
  peakConnections: number;
  /** Open model: requests sent per 100 ms of the run, warm-up included (how even the arrivals were). */
  sendsPer100ms?: number[];
  /** Why gates judged what they judged: the window and the histogram. */
  gateWindow: 'measured' | 'steady';
  /** What the run created and deleted afterwards; absent when cleanup is off or there is no spec. */
  cleanup?: CleanupSummary;
};
