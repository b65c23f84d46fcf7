import { ExitCode, type ExitCodeValue } from './exit-codes.ts';

/**
 * Every error a user can cause, in one table. The message a code produces must
 * say what was received and what to do next; it is printed on one line with no
 * stack trace.
 */
export const errorCodes = {
  TG_USAGE: { exit: ExitCode.Usage, hint: 'run `tollgate --help` for usage' },
  TG_CONFIG_NOT_FOUND: {
    exit: ExitCode.Usage,
    hint: 'create tollgate.config.ts or pass --spec and --base-url',
  },
  TG_CONFIG_INVALID: { exit: ExitCode.Usage, hint: 'fix the config value named above' },
  TG_ENV_UNKNOWN: { exit: ExitCode.Usage, hint: 'pick one of the environments in tollgate.config.ts' },
  TG_ENV_VAR_MISSING: { exit: ExitCode.Usage, hint: 'export the environment variable named above' },
  TG_SPEC_NOT_FOUND: { exit: ExitCode.Usage, hint: 'check the path or URL of the spec' },
  TG_SPEC_SYNTAX: { exit: ExitCode.Usage, hint: 'fix the syntax error at the line named above' },
  TG_SPEC_REF: { exit: ExitCode.Usage, hint: 'point the $ref at an existing file and JSON pointer' },
  TG_SPEC_REMOTE_REF: {
    exit: ExitCode.Usage,
    hint: 'allow fetching it with --allow-remote-refs (or allowRemoteRefs: true in tollgate.config.ts), or copy it into the spec',
  },
  TG_SPEC_VERSION: { exit: ExitCode.Usage, hint: 'tollgate reads Swagger 2.0, OpenAPI 3.0 and OpenAPI 3.1' },
  TG_SPEC_NOT_API: { exit: ExitCode.Usage, hint: 'pass an OpenAPI or Swagger document' },
  TG_SPEC_INVALID: { exit: ExitCode.Usage, hint: 'fix the spec at the JSON pointer named above' },
  TG_NOTHING_TO_TEST: {
    exit: ExitCode.Usage,
    hint: "check the spec's paths and the --operations / --tags names",
  },
  TG_PROFILE_INVALID: { exit: ExitCode.Usage, hint: 'fix the load profile named above' },
  TG_SHARD_INPUT: {
    exit: ExitCode.Usage,
    hint: 'pass the run folders of one tollgate load --shard run, each shard 1..n once',
  },
  TG_K6_INPUT: { exit: ExitCode.Usage, hint: 'pass the files k6 wrote with --out json=<file>, one per pod' },
  TG_GATE_SYNTAX: { exit: ExitCode.Usage, hint: 'write gates like "<250ms", ">=500" or "<1%"' },
  TG_GENERATED_STALE: { exit: ExitCode.Failed, hint: 'run `tollgate generate` and commit the result' },
  TG_PROMQL_INVALID: {
    exit: ExitCode.Usage,
    hint: "fix the PromQL (try it in Prometheus's expression browser); {{window}}, {{start}} and {{end}} are filled in by tollgate",
  },
  TG_PROMETHEUS_UNREACHABLE: {
    exit: ExitCode.Unreachable,
    hint: "start Prometheus or fix the environment's prometheus.url (and its headers)",
  },
  TG_COMPARE_MISMATCH: {
    exit: ExitCode.Usage,
    hint: 'point baseline and candidate at two builds of the same API (same spec title, version and operations)',
  },
  TG_UNREACHABLE: { exit: ExitCode.Unreachable, hint: 'start the API or fix the base URL' },
  TG_SERVER_START: { exit: ExitCode.Unreachable, hint: 'check the webServer command and its output above' },
  TG_UNSAFE_TARGET: {
    exit: ExitCode.Usage,
    hint: 'load only goes to the environment host; see readOnly/allowLoad',
  },
  TG_REPLAY_UNKNOWN: { exit: ExitCode.Usage, hint: 'use a replay id from reports/<run>/contract.json' },
  TG_GIT_REF: { exit: ExitCode.Usage, hint: 'name an existing commit, branch or tag: git:<ref>:<path>' },
  TG_DIFF_IGNORE_INVALID: {
    exit: ExitCode.Usage,
    hint: 'write the ignore file as a YAML list of { check, operation?, reason }',
  },
  TG_OUTPUT_DIR: {
    exit: ExitCode.Usage,
    hint: 'move the file away, or point reportsDir / --run-dir at a folder tollgate can write',
  },
  TG_COMMAND_NOT_FOUND: {
    exit: ExitCode.Usage,
    hint: 'check the command after `--` (or of --on-fail): it must be on PATH or a path',
  },
  TG_RUN_NOT_FOUND: { exit: ExitCode.Usage, hint: 'list runs with `ls reports`' },
  TG_REPLAY_NO_RESOURCE: {
    exit: ExitCode.Usage,
    hint: 'the case writes to a resource; the API must let tollgate create one (its create operation, with credentials)',
  },
  TG_INIT_NO_SPEC: {
    exit: ExitCode.Usage,
    hint: 'generate one with `swag init` (docs/swagger.yaml), or pass --spec <file>',
  },
  TG_PUSH_FAILED: {
    exit: ExitCode.Unreachable,
    hint: "start the Pushgateway or fix --push; the run's reports and metrics.prom were written",
  },
  TG_PORT_IN_USE: {
    exit: ExitCode.Usage,
    hint: 'stop what listens there or pick another port with --port',
  },
  TG_INIT_EXISTS: {
    exit: ExitCode.Usage,
    hint: 'move the files named above away, or pass --force to overwrite them',
  },
} as const satisfies Record<string, { exit: ExitCodeValue; hint: string }>;

export type ErrorCode = keyof typeof errorCodes;
