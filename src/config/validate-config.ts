import { TollgateError } from '../errors/tollgate-error.ts';
import type { FromEnv, UserConfig } from './types.ts';
import { validateCompare } from './validate-compare.ts';
import { validateMonitor } from './validate-monitor.ts';
import { validatePrometheus } from './validate-prometheus.ts';
import { validatePushgateway } from './validate-pushgateway.ts';

/**
 * Checks the shape of a user config at run time (a .js config or a value read
 * from the environment is not type-checked) and names the exact path and rule
 * on failure: `environments.staging.readOnly must be a boolean, got "yes"`.
 */
export function validateConfig(config: unknown, file: string): asserts config is UserConfig {
  const fail = (path: string, rule: string, got: unknown): never => {
    throw new TollgateError('TG_CONFIG_INVALID', `${file}: ${path} ${rule}, got ${show(got)}`);
  };
  if (!isObject(config)) fail('the default export', 'must be an object (use defineConfig)', config);
  const c = config as Record<string, unknown>;
  knownKeys(
    c,
    ['specs', 'environments', 'contract', 'reportsDir', 'generatedDir', 'loadDir', 'allowRemoteRefs'],
    '',
    fail,
  );
  if (c.allowRemoteRefs !== undefined && typeof c.allowRemoteRefs !== 'boolean')
    fail('allowRemoteRefs', 'must be true or false', c.allowRemoteRefs);
  for (const key of ['reportsDir', 'generatedDir', 'loadDir']) {
    if (c[key] !== undefined && typeof c[key] !== 'string') fail(key, 'must be a string', c[key]);
  }
  if (c.specs !== undefined) {
    if (!isObject(c.specs)) fail('specs', 'must map names to spec paths', c.specs);
    for (const [name, path] of Object.entries(c.specs as object)) {
      if (typeof path !== 'string' || path === '') fail(`specs.${name}`, 'must be a file path or URL', path);
    }
  }
  if (c.contract !== undefined) validateContract(c.contract, 'contract', fail);
  if (c.environments === undefined) return;
  if (!isObject(c.environments)) fail('environments', 'must map names to environments', c.environments);
  for (const [name, env] of Object.entries(c.environments as Record<string, unknown>)) {
    validateEnvironment(env, `environments.${name}`, c.specs as Record<string, string> | undefined, fail);
  }
}

type Fail = (path: string, rule: string, got: unknown) => never;

function validateEnvironment(
  env: unknown,
  at: string,
  specs: Record<string, string> | undefined,
  fail: Fail,
) {
  if (!isObject(env)) fail(at, 'must be an object', env);
  const e = env as Record<string, unknown>;
  knownKeys(
    e,
    [
      'baseURL',
      'spec',
      'webServer',
      'auth',
      'headers',
      'readOnly',
      'allowLoad',
      'maxRate',
      'maxDurationSec',
      'allowedHosts',
      'handleMethodNotAllowed',
      'basePath',
      'contract',
      'stages',
      'diff',
      'prometheus',
      'pushgateway',
      'monitor',
      'baseline',
      'candidate',
      'compare',
    ],
    at,
    fail,
  );
  if (e.baseURL !== undefined) {
    if (!isFromEnv(e.baseURL)) fail(`${at}.baseURL`, 'must be a URL string or { env: "NAME" }', e.baseURL);
    if (typeof e.baseURL === 'string' && !isHttpUrl(e.baseURL)) {
      fail(`${at}.baseURL`, 'must be an http(s) URL', e.baseURL);
    }
  }
  if (e.baseURL === undefined && e.webServer === undefined) {
    fail(`${at}.baseURL`, 'is required when there is no webServer', undefined);
  }
  if (e.spec !== undefined && (typeof e.spec !== 'string' || (specs && !(e.spec in specs)))) {
    fail(`${at}.spec`, `must name one of the specs (${Object.keys(specs ?? {}).join(', ')})`, e.spec);
  }
  for (const key of ['readOnly', 'allowLoad', 'handleMethodNotAllowed']) {
    if (e[key] !== undefined && typeof e[key] !== 'boolean')
      fail(`${at}.${key}`, 'must be a boolean', e[key]);
  }
  for (const key of ['maxRate', 'maxDurationSec']) {
    if (e[key] !== undefined && !isPositive(e[key]))
      fail(`${at}.${key}`, 'must be a positive number', e[key]);
  }
  if (e.headers !== undefined) {
    if (!isObject(e.headers)) fail(`${at}.headers`, 'must map header names to values', e.headers);
    for (const [name, v] of Object.entries(e.headers as object)) {
      if (!isFromEnv(v)) fail(`${at}.headers.${name}`, 'must be a string or { env: "NAME" }', v);
    }
  }
  if (e.allowedHosts !== undefined) {
    if (!Array.isArray(e.allowedHosts))
      fail(`${at}.allowedHosts`, 'must be a list of http(s) origins', e.allowedHosts);
    (e.allowedHosts as unknown[]).forEach((h, i) => {
      if (typeof h !== 'string' || !isHttpUrl(h))
        fail(`${at}.allowedHosts[${i}]`, 'must be an http(s) origin like "https://canary.example.com"', h);
    });
  }
  if (e.basePath !== undefined && (typeof e.basePath !== 'string' || !e.basePath.startsWith('/')))
    fail(`${at}.basePath`, 'must be a path starting with "/" (e.g. "/api", or "/" for none)', e.basePath);
  if (e.auth !== undefined) validateAuth(e.auth, `${at}.auth`, fail);
  if (e.webServer !== undefined) validateWebServer(e.webServer, `${at}.webServer`, fail);
  if (e.contract !== undefined) validateContract(e.contract, `${at}.contract`, fail);
  if (e.stages !== undefined) validateStages(e.stages, `${at}.stages`, fail);
  if (e.diff !== undefined) validateDiff(e.diff, `${at}.diff`, fail);
  if (e.prometheus !== undefined) validatePrometheus(e.prometheus, `${at}.prometheus`, fail);
  if (e.pushgateway !== undefined) validatePushgateway(e.pushgateway, `${at}.pushgateway`, fail);
  if (e.monitor !== undefined) validateMonitor(e.monitor, `${at}.monitor`, fail);
  for (const side of ['baseline', 'candidate'])
    if (e[side] !== undefined) validateCompareTarget(e[side], `${at}.${side}`, fail);
  if (e.compare !== undefined) validateCompare(e.compare, `${at}.compare`, fail);
}

function validateCompareTarget(side: unknown, at: string, fail: Fail) {
  if (!isObject(side)) fail(at, "must be an object like { baseURL: 'http://127.0.0.1:8081' }", side);
  const s = side as Record<string, unknown>;
  knownKeys(s, ['baseURL', 'headers', 'servedSpec'], at, fail);
  if (s.servedSpec !== undefined && !isFromEnv(s.servedSpec))
    fail(`${at}.servedSpec`, 'must be a URL, a path on its baseURL or { env: "NAME" }', s.servedSpec);
  if (!isFromEnv(s.baseURL)) fail(`${at}.baseURL`, 'must be a URL string or { env: "NAME" }', s.baseURL);
  if (typeof s.baseURL === 'string' && !isHttpUrl(s.baseURL))
    fail(`${at}.baseURL`, 'must be an http(s) URL', s.baseURL);
  if (s.headers !== undefined) {
    if (!isObject(s.headers)) fail(`${at}.headers`, 'must map header names to values', s.headers);
    for (const [name, v] of Object.entries(s.headers as object))
      if (!isFromEnv(v)) fail(`${at}.headers.${name}`, 'must be a string or { env: "NAME" }', v);
  }
}

function validateDiff(diff: unknown, at: string, fail: Fail) {
  if (!isObject(diff)) fail(at, 'must be an object', diff);
  const d = diff as Record<string, unknown>;
  knownKeys(d, ['deployedSpec', 'failOn', 'ignore'], at, fail);
  if (!isFromEnv(d.deployedSpec))
    fail(`${at}.deployedSpec`, 'must be a URL, a path on baseURL or { env: "NAME" }', d.deployedSpec);
  if (d.failOn !== undefined && d.failOn !== 'ERR' && d.failOn !== 'WARN')
    fail(`${at}.failOn`, "must be 'ERR' or 'WARN'", d.failOn);
  if (d.ignore !== undefined && typeof d.ignore !== 'string')
    fail(`${at}.ignore`, 'must be a file path', d.ignore);
}

function validateWebServer(ws: unknown, at: string, fail: Fail) {
  if (!isObject(ws)) fail(at, 'must be an object', ws);
  const w = ws as Record<string, unknown>;
  knownKeys(w, ['command', 'cwd', 'env', 'url', 'urlPattern', 'readyPath', 'timeoutMs'], at, fail);
  if (typeof w.command !== 'string' || w.command.trim() === '')
    fail(`${at}.command`, 'must be a command', w.command);
  if (w.url === undefined && w.urlPattern === undefined)
    fail(`${at}.url`, 'or urlPattern is required', undefined);
  if (w.url !== undefined && (typeof w.url !== 'string' || !isHttpUrl(w.url))) {
    fail(`${at}.url`, 'must be an http(s) URL', w.url);
  }
  if (w.urlPattern !== undefined) {
    try {
      new RegExp(w.urlPattern as string);
    } catch {
      fail(`${at}.urlPattern`, 'must be a regular expression with one capture group', w.urlPattern);
    }
  }
  if (w.readyPath !== undefined && (typeof w.readyPath !== 'string' || !w.readyPath.startsWith('/'))) {
    fail(`${at}.readyPath`, 'must be a path starting with /', w.readyPath);
  }
  if (w.timeoutMs !== undefined && !isPositive(w.timeoutMs))
    fail(`${at}.timeoutMs`, 'must be positive', w.timeoutMs);
}

function validateAuth(auth: unknown, at: string, fail: Fail) {
  if (!isObject(auth)) fail(at, 'must be an object', auth);
  const a = auth as Record<string, unknown>;
  knownKeys(a, ['bearer', 'apiKey', 'basic'], at, fail);
  if (a.bearer !== undefined && !isFromEnv(a.bearer))
    fail(`${at}.bearer`, 'must be { env: "NAME" }', a.bearer);
  if (a.apiKey !== undefined) {
    const k = a.apiKey as Record<string, unknown>;
    if (!isObject(k) || !isFromEnv(k.value)) fail(`${at}.apiKey.value`, 'must be { env: "NAME" }', k?.value);
    if (k.header === undefined && k.query === undefined)
      fail(`${at}.apiKey`, 'needs header or query', a.apiKey);
  }
  if (a.basic !== undefined) {
    const b = a.basic as Record<string, unknown>;
    if (!isObject(b) || !isFromEnv(b.username) || !isFromEnv(b.password)) {
      fail(`${at}.basic`, 'needs username and password', a.basic);
    }
  }
}

function validateContract(contract: unknown, at: string, fail: Fail) {
  if (!isObject(contract)) fail(at, 'must be an object', contract);
  const c = contract as Record<string, unknown>;
  const numbers = [
    'seed',
    'maxCases',
    'workers',
    'rateLimit',
    'timeoutMs',
    'maxResponseMs',
    'maxResponseBytes',
    'maxRequests',
  ];
  const lists = ['excludeOperations', 'excludePaths', 'excludeTags'];
  knownKeys(
    c,
    [
      ...numbers,
      ...lists,
      'checks',
      'requireStatusCoverage',
      'envelope',
      'maxUnanswered',
      'includeSessionEnding',
      'followRedirects',
      'failOn',
    ],
    at,
    fail,
  );
  for (const key of lists) {
    const v = c[key];
    if (v !== undefined && !(Array.isArray(v) && v.every((s) => typeof s === 'string')))
      fail(`${at}.${key}`, 'must be a list of strings', v);
  }
  for (const key of ['includeSessionEnding', 'followRedirects'])
    if (c[key] !== undefined && typeof c[key] !== 'boolean')
      fail(`${at}.${key}`, 'must be true or false', c[key]);
  if (
    c.maxUnanswered !== undefined &&
    !(typeof c.maxUnanswered === 'string' && /^\d+(\.\d+)?%$/.test(c.maxUnanswered))
  )
    fail(`${at}.maxUnanswered`, 'must be a percentage like "1%"', c.maxUnanswered);
  if (c.failOn !== undefined && c.failOn !== 'error' && c.failOn !== 'warning')
    fail(`${at}.failOn`, "must be 'error' or 'warning'", c.failOn);
  for (const key of numbers) {
    const v = c[key];
    if (v !== undefined && (typeof v !== 'number' || !Number.isInteger(v) || v < 0)) {
      fail(`${at}.${key}`, 'must be a whole number >= 0', v);
    }
  }
  if (c.envelope !== undefined) validateEnvelope(c.envelope, `${at}.envelope`, fail);
  if (c.maxRequests === 0) fail(`${at}.maxRequests`, 'must be at least 1 (it caps the requests of a run)', 0);
  if (c.checks !== undefined) {
    if (!isObject(c.checks)) fail(`${at}.checks`, 'must map check names to true, false or options', c.checks);
    for (const [name, v] of Object.entries(c.checks as object)) {
      if (typeof v !== 'boolean' && !isObject(v))
        fail(`${at}.checks.${name}`, 'must be true, false or an object', v);
    }
  }
}

function validateEnvelope(envelope: unknown, at: string, fail: Fail) {
  if (envelope === false) return;
  if (!isObject(envelope))
    fail(at, "must be false or { code: '/code', ok: [0], message: '/msg', data: '/data' }", envelope);
  const e = envelope as Record<string, unknown>;
  knownKeys(e, ['code', 'ok', 'message', 'data'], at, fail);
  for (const key of ['code', 'message', 'data']) {
    const v = e[key];
    if ((key === 'code' || v !== undefined) && (typeof v !== 'string' || !/^(\/|$)/.test(v)))
      fail(`${at}.${key}`, "must be a JSON pointer like '/code'", v);
  }
  const ok = e.ok;
  if (!Array.isArray(ok) || ok.length === 0 || ok.some((v) => typeof v !== 'number' && typeof v !== 'string'))
    fail(`${at}.ok`, 'must be a non-empty list of codes, e.g. [0]', ok);
}

function validateStages(stages: unknown, at: string, fail: Fail) {
  if (!Array.isArray(stages)) fail(at, 'must be a list', stages);
  (stages as unknown[]).forEach((stage, i) => {
    if (['generate-check', 'contract', 'suites', 'diff', 'compare'].includes(stage as string)) return;
    if (isObject(stage) && typeof (stage as { load?: unknown }).load === 'string') return;
    if (isObject(stage) && Array.isArray((stage as { suites?: unknown }).suites)) return;
    fail(
      `${at}[${i}]`,
      "must be 'generate-check', 'contract', 'suites', 'diff', 'compare', { load: 'profile' } or { suites: [...] }",
      stage,
    );
  });
}

function knownKeys(obj: Record<string, unknown>, allowed: string[], at: string, fail: Fail) {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key))
      fail(at ? `${at}.${key}` : key, `is not an option (known: ${allowed.join(', ')})`, obj[key]);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isPositive = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v > 0;
const isFromEnv = (v: unknown): v is FromEnv =>
  typeof v === 'string' || (isObject(v) && typeof v.env === 'string');

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
