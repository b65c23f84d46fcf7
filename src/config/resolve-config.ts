import { isAbsolute, resolve } from 'node:path';
import { TollgateError } from '../errors/tollgate-error.ts';
import { defaults } from './defaults.ts';
import { readFromEnv, readSecret } from './from-env.ts';
import type {
  ResolvedAuth,
  ResolvedCompareTarget,
  ResolvedConfig,
  ResolvedEnvironment,
  ResolvedPrometheus,
  UserCompareTarget,
  UserConfig,
  UserEnvironment,
  UserPrometheus,
} from './types.ts';
import { isHttpUrl } from './validate-config.ts';
import { intervalMs } from './validate-monitor.ts';

/** Fills every default and makes paths absolute. Environment variables are read later, per environment. */
export function resolveConfig(user: UserConfig, root: string, configFile?: string): ResolvedConfig {
  const abs = (p: string) => (isAbsolute(p) || /^https?:/.test(p) ? p : resolve(root, p));
  return {
    root,
    configFile,
    specs: Object.fromEntries(Object.entries(user.specs ?? {}).map(([name, path]) => [name, abs(path)])),
    environments: user.environments ?? {},
    contract: { ...defaults.contract, ...user.contract },
    reportsDir: abs(user.reportsDir ?? defaults.reportsDir),
    generatedDir: abs(user.generatedDir ?? defaults.generatedDir),
    loadDir: abs(user.loadDir ?? defaults.loadDir),
    allowRemoteRefs: user.allowRemoteRefs ?? false,
  };
}

/** Reads one environment's variables and fills its defaults. */
export function resolveEnvironment(
  config: ResolvedConfig,
  name: string,
  processEnv: NodeJS.ProcessEnv = process.env,
): ResolvedEnvironment {
  const user: UserEnvironment | undefined = config.environments[name];
  if (!user) {
    const known = Object.keys(config.environments);
    throw new TollgateError(
      'TG_ENV_UNKNOWN',
      `no environment "${name}" in ${config.configFile ?? 'the config'} (known: ${known.join(', ') || 'none'})`,
    );
  }
  const at = `environments.${name}`;
  const baseURL =
    user.baseURL === undefined ? user.webServer?.url : readFromEnv(user.baseURL, `${at}.baseURL`, processEnv);
  if (baseURL !== undefined && !isHttpUrl(baseURL)) {
    throw new TollgateError('TG_CONFIG_INVALID', `${at}.baseURL must be an http(s) URL, got "${baseURL}"`);
  }
  const readOnly = user.readOnly ?? false;
  const spec = user.spec ?? Object.keys(config.specs)[0];
  if (spec === undefined)
    throw new TollgateError('TG_CONFIG_INVALID', `${at}.spec: the config names no specs`);
  return {
    name,
    baseURL: baseURL?.replace(/\/+$/, ''),
    spec,
    webServer: user.webServer && {
      env: {},
      ...defaults.webServer,
      ...user.webServer,
      cwd: resolve(config.root, user.webServer.cwd ?? '.'),
    },
    auth: resolveAuth(user, at, processEnv),
    headers: Object.fromEntries(
      Object.entries(user.headers ?? {}).map(([h, v]) => [
        h,
        readFromEnv(v, `${at}.headers.${h}`, processEnv),
      ]),
    ),
    readOnly,
    allowLoad: user.allowLoad ?? !readOnly,
    maxRate: user.maxRate ?? (readOnly ? defaults.readOnly.maxRate : undefined),
    maxDurationSec: user.maxDurationSec ?? (readOnly ? defaults.readOnly.maxDurationSec : undefined),
    allowedHosts: (user.allowedHosts ?? []).map((h) => new URL(h).origin),
    handleMethodNotAllowed: user.handleMethodNotAllowed ?? false,
    ...(user.basePath === undefined ? {} : { basePath: user.basePath }),
    contract: { ...config.contract, ...user.contract },
    stages: user.stages ?? [...defaults.stages],
    diff: user.diff && {
      deployedSpec: readFromEnv(user.diff.deployedSpec, `${at}.diff.deployedSpec`, processEnv),
      failOn: user.diff.failOn ?? 'ERR',
      ignore: user.diff.ignore === undefined ? undefined : resolve(config.root, user.diff.ignore),
    },
    ...(user.prometheus
      ? { prometheus: resolvePrometheus(user.prometheus, `${at}.prometheus`, processEnv) }
      : {}),
    ...(user.pushgateway ? { pushgateway: user.pushgateway } : {}),
    monitor: {
      intervalMs: user.monitor?.interval ? intervalMs(user.monitor.interval) : defaults.monitor.intervalMs,
      port: user.monitor?.port ?? defaults.monitor.port,
      rate: user.monitor?.rate ?? defaults.monitor.rate,
      ...(user.monitor?.operations ? { operations: user.monitor.operations } : {}),
    },
    ...(user.baseline ? { baseline: resolveSide(user.baseline, `${at}.baseline`, processEnv) } : {}),
    ...(user.candidate ? { candidate: resolveSide(user.candidate, `${at}.candidate`, processEnv) } : {}),
    ...(user.compare ? { compare: user.compare } : {}),
  };
}

function resolveSide(user: UserCompareTarget, at: string, env: NodeJS.ProcessEnv): ResolvedCompareTarget {
  const url = readFromEnv(user.baseURL, `${at}.baseURL`, env);
  if (!isHttpUrl(url))
    throw new TollgateError('TG_CONFIG_INVALID', `${at}.baseURL must be an http(s) URL, got "${url}"`);
  const baseURL = url.replace(/\/+$/, '');
  const served =
    user.servedSpec === undefined ? undefined : readFromEnv(user.servedSpec, `${at}.servedSpec`, env);
  return {
    baseURL,
    headers: Object.fromEntries(
      Object.entries(user.headers ?? {}).map(([h, v]) => [h, readFromEnv(v, `${at}.headers.${h}`, env)]),
    ),
    ...(served === undefined
      ? {}
      : { servedSpec: isHttpUrl(served) ? served : new URL(served, `${baseURL}/`).href }),
  };
}

function resolvePrometheus(user: UserPrometheus, at: string, env: NodeJS.ProcessEnv): ResolvedPrometheus {
  const url = readFromEnv(user.url, `${at}.url`, env);
  if (!isHttpUrl(url))
    throw new TollgateError('TG_CONFIG_INVALID', `${at}.url must be an http(s) URL, got "${url}"`);
  return {
    url: url.replace(/\/+$/, ''),
    headers: Object.fromEntries(
      Object.entries(user.headers ?? {}).map(([h, v]) => [h, readFromEnv(v, `${at}.headers.${h}`, env)]),
    ),
    queries: user.queries ?? {},
    scrapeIntervalSec: user.scrapeIntervalSec ?? defaults.prometheus.scrapeIntervalSec,
    notMeasured: user.notMeasured ?? defaults.prometheus.notMeasured,
  };
}

function resolveAuth(user: UserEnvironment, at: string, env: NodeJS.ProcessEnv): ResolvedAuth {
  const auth = user.auth ?? {};
  return {
    bearer:
      auth.bearer === undefined
        ? undefined
        : readSecret(auth.bearer, `${at}.auth.bearer`, 'TOLLGATE_TOKEN', env),
    apiKey: auth.apiKey && {
      header: auth.apiKey.header,
      query: auth.apiKey.query,
      value: readSecret(auth.apiKey.value, `${at}.auth.apiKey.value`, 'TOLLGATE_API_KEY', env),
    },
    basic: auth.basic && {
      username: readSecret(auth.basic.username, `${at}.auth.basic.username`, 'TOLLGATE_USER', env),
      password: readSecret(auth.basic.password, `${at}.auth.basic.password`, 'TOLLGATE_PASSWORD', env),
    },
  };
}
