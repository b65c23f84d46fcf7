import type { LoadResult } from '../run/model.ts';
import type { ProfileOptions } from './define-profile.ts';

/** A profile read from disk: its name (file name without .ts), file and options. */
export interface LoadedProfile {
  name: string;
  /** Path as the user would write it, e.g. `load/baseline.ts`. */
  source: string;
  // biome-ignore lint/suspicious/noExplicitAny: profiles are typed by their own `paths`; the engine reads them as data
  options: ProfileOptions<any>;
}

/** LoadResult plus what only the load report shows (extra fields; the shared type is unchanged). */
export type LoadReport = LoadResult & {
  env: string;
  timeline: (LoadResult['timeline'][number] & { sent: number })[];
  /** Open model: arrivals never sent (queue full). */
  dropped: number;
  peakConnections: number;
  /** Open model: requests sent per 100 ms of the run, warm-up included (how even the arrivals were). */
  sendsPer100ms?: number[];
  /** Why gates judged what they judged: the window and the histogram. */
  gateWindow: 'measured' | 'steady';
};
