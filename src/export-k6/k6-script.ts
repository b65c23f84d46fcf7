import type { K6Credentials } from './k6-credentials.ts';
import type { K6Scenario } from './k6-scenarios.ts';
import { failedCounter, type ThresholdPlan } from './k6-thresholds.ts';
import { k6Version } from './k6-version.ts';

export interface ScriptInput {
  /** `tollgate export k6 baseline --env staging`, for the header comment. */
  command: string;
  profileName: string;
  envName: string;
  source: string;
  scenario: K6Scenario;
  thresholds: ThresholdPlan;
  credentials: K6Credentials;
  /** The spec's base path (`/api`), put between BASE_URL and each operation's path. */
  basePath: string;
  timeoutMs: number;
  /** `k6Mix()` output. */
  mix: string;
}

/** Marks the JSON of `options` in the script, so tests and tools read exactly what k6 gets. */
export const optionsMarkers = { start: '// options:start', end: '// options:end' } as const;

/**
 * The k6 script, in TypeScript typed against @types/k6. Every request is
 * tagged `name: <operationId>` (the sub-metric per-operation thresholds read),
 * counts as failed unless tollgate would count it as answered (any 2xx, or
 * the step's `expect`), and is checked against the statuses the spec documents.
 */
export function k6Script(input: ScriptInput): string {
  // Every sample carries the profile, environment and k6 version, so `tollgate import k6` refuses files of another run.
  const options = {
    tags: { tollgate_profile: input.profileName, tollgate_env: input.envName, k6_version: k6Version },
    scenarios: { [input.profileName]: input.scenario },
    thresholds: input.thresholds.thresholds,
  };
  const dropped = input.thresholds.dropped.map((d) => `//   ${d.gate} ${d.threshold}: ${d.reason}`);
  const entries = (record: Record<string, string>) =>
    Object.entries(record).map(([k, v]) => `  ${JSON.stringify(k)}: ${v},`);
  return `// Written by \`${input.command}\` from ${input.source} for k6 ${k6Version}; export again rather than editing.
// Run: k6 run ${input.credentials.variables
    .map((v) => `-e ${v}=...`)
    .concat('-e BASE_URL=http://host:port')
    .join(' ')} <this file>
${dropped.length ? `// Gates k6 cannot express (tollgate import k6 judges what it can; these need tollgate load):\n${dropped.join('\n')}\n` : ''}import { check } from 'k6';
${input.credentials.usesEncoding ? "import encoding from 'k6/encoding';\n" : ''}import http from 'k6/http';
import type { RefinedResponse } from 'k6/http';
import { Counter } from 'k6/metrics';
import type { Options } from 'k6/options';

/** A variable given with \`k6 run -e NAME=value\`; the script stops at once without it. */
function env(name: string): string {
  const value = __ENV[name];
  if (value === undefined || value === '') throw new Error(\`set \${name}: k6 run -e \${name}=... <script>\`);
  return value;
}

const BASE_URL = env('BASE_URL').replace(/\\/+$/, '');
const BASE_PATH = ${JSON.stringify(input.basePath)};
const HEADERS: Record<string, string> = {
${entries(input.credentials.headers).join('\n')}
};
const QUERY: Record<string, string> = {
${entries(input.credentials.query).join('\n')}
};

interface RequestContext {
  // biome-ignore lint/suspicious/noExplicitAny: values captured from JSON answers
  vars: Record<string, any>;
  iteration: number;
  random: () => number;
}
interface CapturedResponse {
  status: number;
  headers: Record<string, string>;
  // biome-ignore lint/suspicious/noExplicitAny: the profile's capture reads the parsed JSON as it likes
  json?: any;
}
interface RequestParams {
  path?: Record<string, unknown>;
  query?: Record<string, unknown>;
  header?: Record<string, unknown>;
}
type Gen<T> = T | ((ctx: RequestContext) => T);
/** A JSON body, or a string sent as is. */
type Body = string | number | boolean | null | Record<string, unknown> | unknown[];
interface Step {
  name: string;
  method: string;
  path: string;
  /** Statuses that count as answered; null = any 2xx (as tollgate counts). */
  expect: number[] | null;
  /** Statuses the spec documents; null = any. */
  documented: number[] | null;
  params?: Gen<RequestParams>;
  body?: Gen<Body>;
  headers?: Gen<Record<string, unknown>>;
  capture?: (response: CapturedResponse) => Record<string, unknown> | undefined;
}
interface Mix {
  name: string;
  weight: number;
  steps: Step[];
}

${optionsMarkers.start}
export const options: Options = ${JSON.stringify(options, null, 2)};
${optionsMarkers.end}

const mix: Mix[] = ${input.mix};

const totalWeight = mix.reduce((sum, m) => sum + m.weight, 0);
const failed = new Counter('${failedCounter}');
let iteration = 0;

function resolve<T>(value: Gen<T> | undefined, ctx: RequestContext): T | undefined {
  return typeof value === 'function' ? (value as (ctx: RequestContext) => T)(ctx) : value;
}

function pick(r: number): Mix {
  let x = r * totalWeight;
  for (const m of mix) {
    x -= m.weight;
    if (x < 0) return m;
  }
  return mix[mix.length - 1];
}

function send(step: Step, ctx: RequestContext): RefinedResponse<'text'> {
  const params = resolve(step.params, ctx) ?? {};
  let path = step.path.replace(/\\{([^}]+)\\}/g, (_, name: string) => encodeURIComponent(String(params.path?.[name] ?? '')));
  const query: string[] = [];
  for (const [key, value] of Object.entries({ ...params.query, ...QUERY })) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) query.push(\`\${encodeURIComponent(key)}=\${encodeURIComponent(String(v))}\`);
  }
  if (query.length > 0) path += \`?\${query.join('&')}\`;
  const headers: Record<string, string> = { ...HEADERS };
  for (const [k, v] of Object.entries(params.header ?? {})) headers[k.toLowerCase()] = String(v);
  for (const [k, v] of Object.entries(resolve(step.headers, ctx) ?? {})) headers[k.toLowerCase()] = String(v);
  const value = resolve(step.body, ctx);
  let body: string | null = null;
  if (value !== undefined) {
    body = typeof value === 'string' ? value : JSON.stringify(value);
    if (!headers['content-type']) headers['content-type'] = 'application/json';
  }
  const res = http.request(step.method, BASE_URL + BASE_PATH + path, body, {
    headers,
    tags: { name: step.name },
    timeout: '${input.timeoutMs}ms',
    responseType: 'text',
    responseCallback: step.expect ? http.expectedStatuses(...step.expect) : http.expectedStatuses({ min: 200, max: 299 }),
  });
  const answered = step.expect ? step.expect.includes(res.status) : res.status >= 200 && res.status < 300;
  if (!answered) failed.add(1, { name: step.name });
  check(res, {
    [\`\${step.name}: status documented\`]: (r) => step.documented === null || step.documented.includes(r.status),
  });
  return res;
}

/** One iteration: one weighted pick of the mix; a sequence's steps see what earlier steps captured. */
export default function (): void {
  const entry = pick(Math.random());
  const ctx: RequestContext = { vars: {}, iteration, random: Math.random };
  for (const step of entry.steps) {
    const res = send(step, ctx);
    iteration += 1;
    ctx.iteration = iteration;
    if (res.status === 0 || res.status >= 400) return;
    if (step.capture) Object.assign(ctx.vars, step.capture(captured(res)) ?? {});
  }
}

function captured(res: RefinedResponse<'text'>): CapturedResponse {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) headers[k.toLowerCase()] = v;
  let json: unknown;
  try {
    json = typeof res.body === 'string' && res.body !== '' ? JSON.parse(res.body) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers, json };
}
`;
}
