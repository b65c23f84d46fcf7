/** What a user's command (a deploy, a rollback) did, as the run records it. */
export interface CommandRun {
  /** As given (shell words joined); secrets redacted. */
  command: string;
  startMs: number;
  endMs: number;
  /** null when it was killed by a signal. */
  exitCode: number | null;
  signal?: string;
  timedOut?: boolean;
  /** stdout and stderr interleaved, redacted, at most 32 KiB (head and tail kept). */
  output: string;
  /** Bytes of output left out in the middle. */
  outputCut?: number;
}
