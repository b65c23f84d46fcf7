/** Exit codes every tollgate command uses; documented in the README. */
export const ExitCode = {
  /** Everything ran and every check and gate passed. */
  Pass: 0,
  /** A check found something or a gate failed. */
  Failed: 1,
  /** Usage, config, spec or profile error: the user's input needs fixing. */
  Usage: 2,
  /** The target could not be reached (connection refused, DNS, server died). */
  Unreachable: 3,
  /** A bug in tollgate itself: printed with a stack trace; please report it. */
  Internal: 70,
  /** Interrupted (Ctrl-C); results gathered so far were written. */
  Interrupted: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
