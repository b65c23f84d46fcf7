/**
 * Ceilings no profile or flag may pass, whatever the environment allows. A
 * rate of 1e9 would ask the scheduler for a billion timers a second (V8 runs
 * out of memory long before Ctrl-C is read); two CPU cores of a load
 * generator top out far below these, so they refuse only typos.
 */
export const loadLimits = {
  /** Arrivals per second (open model), per profile, stage or `--rate`. */
  maxRate: 100_000,
  /** Concurrent connections, per profile, stage or `--connections`. */
  maxConnections: 10_000,
} as const;
