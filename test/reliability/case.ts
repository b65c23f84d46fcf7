/**
 * One row of the reliability matrix: a command run the way a user would run
 * it, against a real server, with what it must exit, print and write.
 *
 * Placeholders, replaced in `args`, `env` and `files` before the run:
 * `{baseURL}` the server's URL, `{host}` / `{port}` its parts, `{token}` the
 * albums API's bearer token, `{repo}` the repository root, `{dir}` the case's
 * own folder (the command's cwd), `{node}` the node binary.
 */
export interface ReliabilityCase {
  /** Unique across every cases-*.ts file; says what is tried and what must happen. */
  name: string;
  /** Arguments after `tollgate`, e.g. `['contract', '--spec', '{repo}/specs/albums.openapi.yaml', '--base-url', '{baseURL}']`. */
  args: string[];
  /** Extra environment for the command (placeholders allowed). */
  env?: Record<string, string>;
  /** Files written into the case folder first: configs, specs, profiles (placeholders allowed). */
  files?: Record<string, string>;
  server: ServerSpec;
  /** Expected exit code. */
  exit: number;
  /**
   * A fragment (or pattern) that one line of stdout or stderr must hold. For
   * exit 2, stderr must also be exactly that one line (no stack trace).
   */
  message: string | RegExp;
  /**
   * Paths relative to the case folder (`reports/latest/run.json`, `server.log`):
   * `true` must exist, `false` must not, or an object of expectations.
   */
  artifacts: Record<string, boolean | ArtifactExpectation>;
  /** Fragments no line of stdout or stderr may hold (a secret, a stack frame). */
  outputLacks?: (string | RegExp)[];
  /**
   * SIGKILL the tollgate process this long after it starts (its exit code is
   * then 137), as a CI runner that times out does; `orphanPidFile` (relative
   * to the case folder) holds the pid of a process it started, which must be
   * gone within `orphanGoneMs` (default 20 s) of the kill.
   */
  killTollgate?: { afterMs: number; orphanPidFile: string; orphanGoneMs?: number };
  /** Kill the command after this long (default 90 s). */
  timeoutMs?: number;
}

export type ServerSpec =
  /** No server: `{baseURL}` is a loopback port nobody listens on. */
  | { kind: 'none' }
  /** The reference Gin API (examples/albums-api), its access log written to `server.log`. */
  | { kind: 'albums'; faults?: string[]; env?: Record<string, string>; killAfterMs?: number }
  /**
   * One of ours in test/reliability/servers/<name>.ts; what it logs goes to
   * `server.log`. `killAfterMs` SIGKILLs it that long after the command starts.
   */
  | { kind: 'hostile'; name: string; env?: Record<string, string>; killAfterMs?: number };

export interface ArtifactExpectation {
  /** The file's text holds this. */
  contains?: string | RegExp | (string | RegExp)[];
  /** The file's text does not hold this. */
  lacks?: string | RegExp | (string | RegExp)[];
  /**
   * The file is JSON; dotted path -> expected value: a primitive (equal), a
   * RegExp (matches String(value)), `{ min }` / `{ max }` for numbers, or
   * `{ exists: false }`. Array indexes are path parts (`gates.0.status`); `*` stands for
   * every element, at least one (`operations.*.cases`).
   */
  json?: Record<string, unknown>;
}
