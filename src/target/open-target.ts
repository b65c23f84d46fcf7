import { defaults } from '../config/defaults.ts';
import { loadConfig } from '../config/load-config.ts';
import { resolveConfig, resolveEnvironment } from '../config/resolve-config.ts';
import type { ResolvedConfig, ResolvedEnvironment, Secret } from '../config/types.ts';
import { isHttpUrl } from '../config/validate-config.ts';
import { TollgateError } from '../errors/tollgate-error.ts';
import { loadSpec } from '../spec/load-spec.ts';
import type { LoadedSpec } from '../spec/types.ts';
import { authHeaders, parseHeaderFlags } from './headers.ts';
import { probeTarget } from './probe.ts';
import { type StartedServer, startWebServer } from './web-server.ts';

/** What opening a target reads: the command's flags (`env`, `config`, `spec`, `base-url`, `header`), cwd and a log line. */
export interface TargetRequest {
  values: Record<string, string | boolean | string[] | undefined>;
  cwd: string;
  err: (line: string) => void;
}

/** An API under test: where it is, what it promises, how to talk to it, and how to let go of it. */
export interface Target {
  envName: string;
  env: ResolvedEnvironment;
  config: ResolvedConfig;
  spec: LoadedSpec;
  baseURL: string;
  /** Sent with every request: environment headers, credentials and --header flags. */
  headers: Record<string, string>;
  /** Query parameters sent with every request (API keys in the query). */
  query: Record<string, string>;
  /** Values that must never appear in output, with the variable names repros show. */
  secrets: Secret[];
  /** Resolves with a reason if a server tollgate started dies before close(). */
  serverDied?: Promise<string>;
  close(): Promise<void>;
}

/**
 * Resolves the target of a command from its flags: `--env` (with the config),
 * or ad hoc `--spec` + `--base-url` + `--header`. Ad hoc is isolated: it
 * loads no tollgate.config.ts from the folder and reads no TOLLGATE_TOKEN
 * unless `--config` or `--env` asks for the config (what is sent is what the
 * command line says). Starts the environment's webServer when it has one;
 * the caller must `close()`.
 */
export async function openTarget(
  ctx: TargetRequest,
  options: {
    probe?: boolean /** Use this running server instead of starting the webServer. */;
    baseURL?: string;
    /** False: start no webServer and need no baseURL (compare talks to its own two targets). */
    startServer?: boolean;
  } = {},
): Promise<Target> {
  const v = ctx.values;
  const isolated = v['base-url'] !== undefined && v.config === undefined && v.env === undefined;
  const fileConfig = isolated ? undefined : await loadConfig(ctx.cwd, v.config as string | undefined);
  // `--env` with `--base-url` keeps the environment (and its safety settings); alone, `--base-url` is ad hoc.
  const adhoc = v['base-url'] !== undefined && (v.env === undefined || !fileConfig);
  if (!fileConfig && !adhoc) {
    throw new TollgateError(
      'TG_CONFIG_NOT_FOUND',
      `no tollgate.config.ts in ${ctx.cwd} and no --base-url given`,
    );
  }
  const config = fileConfig ?? resolveConfig({}, ctx.cwd);
  const envName = adhoc ? 'adhoc' : pickEnvironment(config, v.env as string | undefined);
  const env = adhoc ? adhocEnvironment(config, v, !isolated) : resolveEnvironment(config, envName);
  const overrideURL = adhoc ? undefined : baseURLOverride(env, v['base-url']);
  const specSource = (v.spec as string | undefined) ?? config.specs[env.spec];
  if (!specSource) {
    throw new TollgateError('TG_USAGE', '--spec is required with --base-url (a file path or URL)');
  }
  const loaded = await loadSpec(config.specs[specSource] ?? specSource, {
    cwd: ctx.cwd,
    allowRemoteRefs: v['allow-remote-refs'] === true || config.allowRemoteRefs,
  });
  const basePath = basePathOverride(v['base-path'], env.basePath);
  const spec = basePath === undefined ? loaded : { ...loaded, basePath };

  const flagHeaders = parseHeaderFlags((v.header as string[] | undefined) ?? []);
  const auth = authHeaders(env.auth);
  const secrets = [...auth.secrets, ...flagHeaders.secrets];
  const headers = { ...env.headers, ...auth.headers, ...flagHeaders.headers };

  let server: StartedServer | undefined;
  let baseURL = options.baseURL ?? overrideURL ?? env.baseURL;
  if (env.webServer && !options.baseURL && !overrideURL && options.startServer !== false) {
    server = await startWebServer(env.webServer, ctx.err);
    baseURL = server.baseURL;
  }
  const close = async () => {
    await server?.stop();
  };
  try {
    if (!baseURL && options.startServer !== false)
      throw new TollgateError('TG_CONFIG_INVALID', `environments.${envName}.baseURL is not set`);
    if (options.probe !== false && baseURL) await probeTarget(baseURL);
  } catch (error) {
    await close();
    throw error;
  }
  return {
    envName,
    env: { ...env, baseURL },
    config,
    spec,
    baseURL: baseURL ?? '',
    headers,
    query: auth.query,
    secrets,
    serverDied: server?.died,
    close,
  };
}

/** `--base-path` (else the environment's basePath) normalised: `/api/` -> `/api`, `/` -> '' (none). */
function basePathOverride(flag: unknown, configured: string | undefined): string | undefined {
  const raw = typeof flag === 'string' ? flag : configured;
  if (raw === undefined) return undefined;
  if (!raw.startsWith('/')) {
    throw new TollgateError(
      'TG_USAGE',
      `--base-path must start with "/" (e.g. /api, or / for none), got '${raw}'`,
    );
  }
  return raw.replace(/\/+$/, '');
}

function pickEnvironment(config: ResolvedConfig, requested: string | undefined): string {
  if (requested) return requested;
  const names = Object.keys(config.environments);
  if (names.length === 1) return names[0];
  if (names.includes('local')) return 'local';
  throw new TollgateError('TG_USAGE', `pass --env (one of: ${names.join(', ') || 'none configured'})`);
}

/**
 * `--base-url` with `--env`: the environment's credentials, readOnly, maxRate
 * and every other setting stay; the URL must be the environment's own origin
 * (scheme, host, port) or one of its allowedHosts, else it is refused. An
 * environment whose URL comes from its webServer takes a running server instead.
 */
function baseURLOverride(env: ResolvedEnvironment, raw: unknown): string | undefined {
  if (raw === undefined) return undefined;
  const url = String(raw);
  if (!isHttpUrl(url)) throw new TollgateError('TG_USAGE', `--base-url must be an http(s) URL, got "${url}"`);
  if (env.baseURL === undefined) return url.replace(/\/+$/, '');
  const origin = new URL(url).origin;
  const allowed = [new URL(env.baseURL).origin, ...env.allowedHosts];
  if (!allowed.includes(origin)) {
    throw new TollgateError(
      'TG_UNSAFE_TARGET',
      `--base-url ${origin} is not environment "${env.name}"'s host (allowed: ${allowed.join(', ')})`,
      { hint: `drop --base-url, or add it to environments.${env.name}.allowedHosts` },
    );
  }
  return url.replace(/\/+$/, '');
}

function adhocEnvironment(
  config: ResolvedConfig,
  v: TargetRequest['values'],
  readToken: boolean,
): ResolvedEnvironment {
  const baseURL = String(v['base-url']);
  if (!isHttpUrl(baseURL))
    throw new TollgateError('TG_USAGE', `--base-url must be an http(s) URL, got "${baseURL}"`);
  const token = readToken ? process.env.TOLLGATE_TOKEN : undefined;
  return {
    name: 'adhoc',
    baseURL: baseURL.replace(/\/+$/, ''),
    spec: String(v.spec ?? ''),
    auth: token ? { bearer: { value: token, envName: 'TOLLGATE_TOKEN' } } : {},
    headers: {},
    readOnly: false,
    allowLoad: true,
    allowedHosts: [],
    handleMethodNotAllowed: false,
    contract: config.contract,
    stages: ['contract'],
    monitor: { ...defaults.monitor },
  };
}
