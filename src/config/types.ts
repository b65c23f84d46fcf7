/**
 * The user's config (`tollgate.config.ts`, everything optional) and the
 * resolved config every command reads (everything filled in). One
 * `resolveConfig()` joins them; defaults live in `defaults.ts`.
 */

/** A value given directly or read from an environment variable at run time. */
export type FromEnv = string | { env: string; default?: string };

export interface UserConfig {
  /** API descriptions by name. Default: every `*.yaml|*.yml|*.json` directly under `specs/`. */
  specs?: Record<string, string>;
  /** Environments by name. Default: none (use --spec/--base-url). */
  environments?: Record<string, UserEnvironment>;
  /** Contract engine defaults; each environment may override. */
  contract?: UserContractOptions;
  /** Where run folders go. Default: `reports`. */
  reportsDir?: string;
  /** Where generated clients go. Default: `specs/generated`. */
  generatedDir?: string;
  /** Where load profiles live. Default: `load`. */
  loadDir?: string;
  /** Fetch spec `$ref`s to http(s) URLs (as `--allow-remote-refs` does). Default: false. */
  allowRemoteRefs?: boolean;
}

export interface UserEnvironment {
  /** Base URL of the API, e.g. `{ env: 'STAGING_URL' }`. Required unless `webServer` gives one. */
  baseURL?: FromEnv;
  /** Which spec (a key of `specs`). Default: the first. */
  spec?: string;
  /** A server to start before the run and stop after it, like Playwright's webServer. */
  webServer?: UserWebServer;
  /** Credentials; values never appear in reports, logs or repro commands. */
  auth?: UserAuth;
  /** Extra headers sent with every request. */
  headers?: Record<string, FromEnv>;
  /** Only safe methods (GET, HEAD, OPTIONS), no negative payloads, no load unless allowLoad. Default: false. */
  readOnly?: boolean;
  /** Allow load on a readOnly environment (capped by maxRate/maxDurationSec). Default: false. */
  allowLoad?: boolean;
  /** Cap on load arrival rate (rps) for this environment. Default: none (readOnly: 50). */
  maxRate?: number;
  /** Cap on load duration, seconds. Default: none (readOnly: 60). */
  maxDurationSec?: number;
  /** Origins besides baseURL's that `--base-url` and load may go to, e.g. `['https://canary.example.com']`. Default: none. */
  allowedHosts?: string[];
  /** Gin's HandleMethodNotAllowed: true expects 405 + Allow for undeclared methods, false expects 404. Default: false. */
  handleMethodNotAllowed?: boolean;
  /** Path prefix of every operation, overriding the spec's `servers[0].url` path (`'/'` for none). Default: the spec's. */
  basePath?: string;
  /** Contract options for this environment, merged over the top-level ones. */
  contract?: UserContractOptions;
  /** What `tollgate gate` runs here, in order. Default: ['generate-check', 'contract']. */
  stages?: UserStage[];
  /** The `diff` stage: the spec this environment serves (URL, or a path like `/swagger/doc.json` on baseURL), compared with the repo's. */
  diff?: UserDiffOptions;
  /** The Prometheus that scrapes this environment's API, read by `promql.*` gates after a run. Default: none. */
  prometheus?: UserPrometheus;
  /** Credentials for `--push` to a Pushgateway, read from env vars only when pushing. Default: none. */
  pushgateway?: UserPushgateway;
  /** What `tollgate monitor --env` does when its flags are not given. */
  monitor?: UserMonitor;
  /** `tollgate compare --env`: the running build. Headers are added to the environment's own (auth included). Default: none. */
  baseline?: UserCompareTarget;
  /** `tollgate compare --env`: the build judged against the baseline. Default: none. */
  candidate?: UserCompareTarget;
  /** How `tollgate compare` and the `compare` stage judge baseline and candidate. Default: the README's compare defaults. */
  compare?: UserCompareOptions;
}

/** The metrics a comparison judges per operation (`contract` once, over both contract runs). */
export type CompareMetricName = 'latency' | 'errors' | '5xx' | 'contract';

export interface UserCompareOptions {
  /** Seconds of interleaved traffic. Default: 30. */
  durationSec?: number;
  /** Arrivals per second to each side. Default: 50. */
  rate?: number;
  /** Seed of the traffic mix and the reservoirs. Default: 1. */
  seed?: number;
  /** Confidence of the intervals, above 0.5 and below 1. Default: 0.98. */
  confidence?: number;
  /** Score thresholds, 0-100 (pass >= marginal). Default: { pass: 95, marginal: 75 }. */
  thresholds?: { pass?: number; marginal?: number };
  /** What a marginal score decides. Default: 'rollback'. */
  onMarginal?: 'promote' | 'rollback';
  /** Fewer latency samples (or requests, for rates) than this on a side is too little data (never a pass). Default: 30. */
  minSamples?: number;
  /** Per-metric rules over the defaults (latency 10% or 2 ms; errors 1%; 5xx 0.5%, critical; contract critical). */
  metrics?: Partial<Record<CompareMetricName, UserCompareMetric>>;
  /** Run the contract engine against both sides: findings only the candidate has are regressions. Default: true. */
  contract?: boolean;
  /** Shell command run when the verdict is roll back (as `--on-fail`); its output and exit code are in the run. Default: none. */
  onFail?: string;
  /**
   * PromQL gates judged on each side, the candidate's result deciding (as `--gate`, which replaces them):
   * `{ 'promql.error_ratio': '<0.01' }` with the query under `prometheus.queries`. Default: none.
   */
  gates?: Record<string, string>;
}

interface UserCompareMetric {
  /** Latency: share of the baseline median the candidate may add, `'10%'`; rates: allowed increase in points, `'0.5%'`. */
  allowedIncrease?: string;
  /** Latency only: milliseconds the candidate may add whatever the share (the larger is allowed). */
  allowedMs?: number;
  /** A critical metric that fails makes the whole verdict roll back (score 0). */
  critical?: boolean;
  /** Weight in the score (0 leaves it out of the score). */
  weight?: number;
}

/** One side of a comparison: where it runs and what it needs besides the environment's headers. */
export interface UserCompareTarget {
  baseURL: FromEnv;
  headers?: Record<string, FromEnv>;
  /** The spec this side serves (a URL, or a path on its baseURL like `/swagger/doc.json`): both must describe the same API and version. Default: not checked. */
  servedSpec?: FromEnv;
}

/** One PromQL expression, or one per side of a comparison. */
type PromqlQuery = string | { baseline: string; candidate: string };

export interface UserPrometheus {
  /** Base URL of Prometheus (its HTTP API is under `/api/v1`), e.g. `{ env: 'PROMETHEUS_URL' }`. */
  url: FromEnv;
  /** Headers sent to Prometheus, e.g. `{ Authorization: { env: 'PROM_AUTH' } }`; values are never printed. Default: none. */
  headers?: Record<string, FromEnv>;
  /**
   * Named PromQL queries that gates name as `promql.<name>`; `{{window}}`, `{{start}}`, `{{end}}` are the run's,
   * `{{side}}` and `{{instance}}` a compared side's; a `{ baseline, candidate }` pair is one query per side (compare only). Default: none.
   */
  queries?: Record<string, PromqlQuery>;
  /** How often Prometheus scrapes the API: the wait after a run before querying. Default: 15. */
  scrapeIntervalSec?: number;
  /** What a query that measured nothing (unreachable, error, empty, several series) does to its gate. Default: 'fail'. */
  notMeasured?: 'fail' | 'pass';
}

interface UserPushgateway {
  /** `{ bearer: { env: 'PUSHGATEWAY_TOKEN' } }` or `{ basic: { username: { env: 'PG_USER' }, password: { env: 'PG_PASSWORD' } } }`; never printed. */
  auth: { bearer?: { env: string }; basic?: { username: { env: string }; password: { env: string } } };
}

interface UserMonitor {
  /** Time between two probe cycles, like `'30s'` (at least 100ms). Default: '30s'. */
  interval?: string;
  /** Port of /metrics on 127.0.0.1; 0 picks a free one. Default: 9470. */
  port?: number;
  /** Probe requests started per second, at most. Default: 2. */
  rate?: number;
  /** Only these operations (ids or `'GET /path'`), each a GET or HEAD with examples. Default: every one that can be probed. */
  operations?: string[];
}

interface UserDiffOptions {
  /** The deployed spec: a URL, `{ env: 'NAME' }`, or a path joined to the environment's baseURL. */
  deployedSpec: FromEnv;
  /** Level that fails the stage: 'ERR' or 'WARN'. Default: 'ERR'. */
  failOn?: 'ERR' | 'WARN';
  /** Ignore file (YAML list of { check, operation?, reason }), relative to the config. Default: none. */
  ignore?: string;
}

export interface UserWebServer {
  /** Shell command that starts the server. */
  command: string;
  /** Working directory. Default: the config's folder. */
  cwd?: string;
  /** Extra environment for the command. */
  env?: Record<string, string>;
  /** Fixed base URL the server will listen on; or use `urlPattern` to read it from stdout. */
  url?: string;
  /** Regex with one capture group that finds the base URL in the server's stdout. */
  urlPattern?: string;
  /** Path polled until it answers 2xx. Default: `/`. */
  readyPath?: string;
  /** Milliseconds to wait for readiness. Default: 30000. */
  timeoutMs?: number;
}

export interface UserAuth {
  /** Bearer token: `{ env: 'STAGING_TOKEN' }`, or a literal plus the variable name shown in repros. */
  bearer?: FromEnv;
  /** API key header: `{ header: 'X-API-Key', value: { env: 'API_KEY' } }`. */
  apiKey?: { header?: string; query?: string; value: FromEnv };
  /** Basic auth user and password. */
  basic?: { username: FromEnv; password: FromEnv };
}

export interface UserContractOptions {
  /** Seed for case generation. Default: 1. */
  seed?: number;
  /** Generated cases per operation and phase. Default: 25. */
  maxCases?: number;
  /** Concurrent requests. Default: 4. */
  workers?: number;
  /** Requests per second cap; 0 means none. Default: 0. */
  rateLimit?: number;
  /** Per-request timeout in ms. Default: 10000. */
  timeoutMs?: number;
  /** Response bodies longer than this many bytes are not read (check `response-body-limit`). Default: 4194304 (4 MiB). */
  maxResponseBytes?: number;
  /** Checks by name: false disables, an object configures. Default: all on. */
  checks?: Record<string, boolean | Record<string, unknown>>;
  /** Fail when a documented status code is never seen. Default: false. */
  requireStatusCoverage?: boolean;
  /** Response-time budget for every operation, ms (x-tollgate-max-ms overrides). Default: none. */
  maxResponseMs?: number;
  /** Requests that may go unanswered (timeouts and connection errors), as a share of all: `'1%'`. Default: '1%'. */
  maxUnanswered?: string;
  /** Hard cap on requests in one run; cases past it are reported as not run and the run as incomplete. Default: 10000. */
  maxRequests?: number;
  /** Operation ids or `METHOD /path` never sent, in any phase (fixtures included). Default: none. */
  excludeOperations?: string[];
  /** Paths never sent, with everything below them (`/base` fences `/base/logout`). Default: none. */
  excludePaths?: string[];
  /** Operations with these tags are never sent. Default: none. */
  excludeTags?: string[];
  /** Send operations that look session-ending (logout, revoke, password change), last. Default: false (skipped). */
  includeSessionEnding?: boolean;
  /** How to read `{code, msg, data}` bodies of APIs that answer 200 to everything; false = none. Default: false. */
  envelope?: Envelope | false;
  /** Lowest finding severity that fails the contract gate and exits 1: 'error' or 'warning'. Default: 'error'. */
  failOn?: 'error' | 'warning';
  /** Follow same-origin redirects (writes only across a trailing slash) and judge the answer behind them (CLI --follow-redirects). Default: false. */
  followRedirects?: boolean;
}

/** An envelope: JSON pointers into the body and the codes that mean success. */
export interface Envelope {
  /** Pointer to the outcome code, e.g. `/code`. */
  code: string;
  /** Codes that mean success, e.g. `[0]`. */
  ok: (number | string)[];
  /** Pointer to the human message, e.g. `/msg`. */
  message?: string;
  /** Pointer to the payload, e.g. `/data`. Default: the whole body. */
  data?: string;
}

export type UserStage =
  | 'generate-check'
  | 'contract'
  | 'suites'
  | 'diff'
  | 'compare'
  | { load: string; gatesFrom?: string }
  | { suites: string[] };

// ---------------------------------------------------------------- resolved

export interface ResolvedConfig {
  /** Folder of the config file (or cwd); every relative path is resolved against it. */
  root: string;
  configFile?: string;
  /** Spec name -> absolute path or URL. */
  specs: Record<string, string>;
  /** Validated but not yet read from the environment: see `resolveEnvironment()`. */
  environments: Record<string, UserEnvironment>;
  contract: Required<UserContractOptions>;
  reportsDir: string;
  generatedDir: string;
  loadDir: string;
  allowRemoteRefs: boolean;
}

export interface ResolvedEnvironment {
  name: string;
  /** Undefined only while a webServer with urlPattern has not started yet. */
  baseURL?: string;
  spec: string;
  webServer?: Required<Omit<UserWebServer, 'url' | 'urlPattern'>> & Pick<UserWebServer, 'url' | 'urlPattern'>;
  auth: ResolvedAuth;
  headers: Record<string, string>;
  readOnly: boolean;
  allowLoad: boolean;
  maxRate?: number;
  maxDurationSec?: number;
  /** Origins (scheme, host, port) besides baseURL's that load may go to. */
  allowedHosts: string[];
  handleMethodNotAllowed: boolean;
  /** Overrides the spec's base path when set. */
  basePath?: string;
  contract: Required<UserContractOptions>;
  stages: UserStage[];
  /** Deployed spec still unresolved against baseURL (a webServer's URL is known only once it runs). */
  diff?: { deployedSpec: string; failOn: 'ERR' | 'WARN'; ignore?: string };
  prometheus?: ResolvedPrometheus;
  /** Read from the environment only when a run pushes (`pushgatewayHeaders`). */
  pushgateway?: UserPushgateway;
  monitor: ResolvedMonitor;
  baseline?: ResolvedCompareTarget;
  candidate?: ResolvedCompareTarget;
  /** Validated; joined with the compare defaults by the compare room. */
  compare?: UserCompareOptions;
}

export interface ResolvedCompareTarget {
  baseURL: string;
  headers: Record<string, string>;
  /** Absolute URL. */
  servedSpec?: string;
}

export interface ResolvedPrometheus {
  /** Without a trailing slash. */
  url: string;
  /** Read from the environment; sent to Prometheus only, never printed. */
  headers: Record<string, string>;
  queries: Record<string, PromqlQuery>;
  scrapeIntervalSec: number;
  notMeasured: 'fail' | 'pass';
}

interface ResolvedMonitor {
  intervalMs: number;
  port: number;
  rate: number;
  /** Undefined: every operation that can be probed. */
  operations?: string[];
}

/** Credentials with the variable names repros print instead of the values. */
export interface ResolvedAuth {
  bearer?: Secret;
  apiKey?: { header?: string; query?: string; value: Secret };
  basic?: { username: Secret; password: Secret };
}

export interface Secret {
  value: string;
  /** The environment variable a repro command shows: `$TOLLGATE_TOKEN`. */
  envName: string;
}
