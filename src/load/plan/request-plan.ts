import type { LoadedSpec, Operation } from '../../spec/types.ts';
import type { CapturedResponse, RequestContext } from '../profile/define-profile.ts';
import { seededRandom } from './rng.ts';

/** A profile request step as plain data (the typed form lives in define-profile.ts). */
export interface StepInput {
  path: string;
  method: string;
  name?: string;
  params?: unknown;
  body?: unknown;
  headers?: unknown;
  expect?: number[];
  capture?: (response: CapturedResponse) => Record<string, unknown> | undefined;
}

export interface ScenarioInput {
  weight?: number;
  name?: string;
  steps?: StepInput[];
}

/** A request ready to write: what any engine sends. */
export interface BuiltRequest {
  /** Operation name for per-operation metrics (operationId). */
  op: string;
  operation?: Operation;
  method: string;
  /** Path with query, base path included. */
  path: string;
  headers: Record<string, string>;
  body?: string;
  capture?: StepInput['capture'];
}

interface CompiledScenario {
  weight: number;
  steps: StepInput[];
}

export interface PlanOptions {
  spec?: LoadedSpec;
  /** Path prefix of the base URL plus the spec's base path, e.g. `/api`. */
  prefix: string;
  /** Target headers (auth, environment); never reported. */
  headers: Record<string, string>;
  seed: number;
}

/** The weighted mix, compiled once; each connection or arrival slot gets a `VirtualUser`. */
export class RequestPlan {
  private readonly scenarios: CompiledScenario[];
  private readonly totalWeight: number;
  private users = 0;

  constructor(
    scenarios: ScenarioInput[],
    readonly options: PlanOptions,
  ) {
    this.scenarios = scenarios.map((s) => ({
      weight: s.weight ?? 1,
      steps: s.steps ?? [s as StepInput],
    }));
    this.totalWeight = this.scenarios.reduce((sum, s) => sum + s.weight, 0);
  }

  /** One request whose every part is fixed: engines may build it once and reuse the bytes. */
  get isStatic(): boolean {
    if (this.scenarios.length !== 1 || this.scenarios[0].steps.length !== 1) return false;
    const step = this.scenarios[0].steps[0];
    return ![step.params, step.body, step.headers, step.capture].some((v) => typeof v === 'function');
  }

  newUser(): VirtualUser {
    return new VirtualUser(this, seededRandom(this.options.seed * 7919 + this.users++));
  }

  pick(r: number): CompiledScenario {
    let x = r * this.totalWeight;
    for (const s of this.scenarios) {
      x -= s.weight;
      if (x < 0) return s;
    }
    return this.scenarios[this.scenarios.length - 1];
  }

  /** Operation name -> the statuses its steps list in `expect` (steps without one expect any 2xx). */
  expectedStatuses(): Map<string, Set<number>> {
    const expected = new Map<string, Set<number>>();
    for (const step of this.scenarios.flatMap((s) => s.steps)) {
      if (!step.expect) continue;
      const op = opName(step, this.operationFor(step));
      expected.set(op, new Set([...(expected.get(op) ?? []), ...step.expect]));
    }
    return expected;
  }

  operationFor(step: StepInput): Operation | undefined {
    const method = step.method.toLowerCase();
    return this.options.spec?.operations.find((o) => o.method === method && o.path === step.path);
  }
}

/** Sends one scenario after another; a sequence's steps see the values earlier steps captured. */
export class VirtualUser {
  private scenario?: CompiledScenario;
  private step = 0;
  private readonly ctx: RequestContext;

  constructor(
    private readonly plan: RequestPlan,
    random: () => number,
  ) {
    this.ctx = { vars: {}, iteration: 0, random };
  }

  next(): BuiltRequest {
    if (!this.scenario || this.step >= this.scenario.steps.length) {
      this.scenario = this.plan.pick(this.ctx.random());
      this.step = 0;
      this.ctx.vars = {};
    }
    const input = this.scenario.steps[this.step++];
    const built = buildRequest(input, this.ctx, this.plan);
    this.ctx.iteration++;
    return built;
  }

  /** True when the current sequence has more steps (open model sends them right after the answer). */
  get midSequence(): boolean {
    return this.scenario !== undefined && this.step > 0 && this.step < this.scenario.steps.length;
  }

  /** Feeds a response to the step's `capture`; a failed step ends the sequence. */
  answered(request: BuiltRequest, response: CapturedResponse | undefined): void {
    if (!response || response.status >= 400) {
      this.scenario = undefined;
      return;
    }
    if (request.capture) Object.assign(this.ctx.vars, request.capture(response) ?? {});
  }
}

function resolve<T>(value: T | ((ctx: RequestContext) => T), ctx: RequestContext): T {
  return typeof value === 'function' ? (value as (ctx: RequestContext) => T)(ctx) : value;
}

function buildRequest(step: StepInput, ctx: RequestContext, plan: RequestPlan): BuiltRequest {
  const params = (resolve(step.params, ctx) ?? {}) as {
    path?: Record<string, unknown>;
    query?: Record<string, unknown>;
    header?: Record<string, unknown>;
  };
  const operation = plan.operationFor(step);
  let path = step.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(String(params.path?.[name] ?? '')),
  );
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params.query ?? {})) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) query.append(key, String(v));
  }
  const qs = query.toString();
  if (qs) path += `?${qs}`;
  const headers: Record<string, string> = { ...plan.options.headers };
  for (const [k, v] of Object.entries(params.header ?? {})) headers[k.toLowerCase()] = String(v);
  for (const [k, v] of Object.entries((resolve(step.headers, ctx) ?? {}) as Record<string, unknown>)) {
    headers[k.toLowerCase()] = String(v);
  }
  const bodyValue = resolve(step.body, ctx);
  let body: string | undefined;
  if (bodyValue !== undefined) {
    body = typeof bodyValue === 'string' ? bodyValue : JSON.stringify(bodyValue);
    headers['content-type'] ??= 'application/json';
  }
  return {
    op: opName(step, operation),
    operation,
    method: step.method.toUpperCase(),
    path: plan.options.prefix + path,
    headers,
    body,
    capture: step.capture,
  };
}

function opName(step: StepInput, operation: Operation | undefined): string {
  return step.name ?? operation?.id ?? `${step.method.toUpperCase()} ${step.path}`;
}
