import type { ProfileOptions, UntypedPaths } from './define-profile.ts';

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
