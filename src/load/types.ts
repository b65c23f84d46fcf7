import type { LoadResult } from '../run/model.ts';

export type { LoadedProfile } from './profile/loaded-profile.ts';

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
};
