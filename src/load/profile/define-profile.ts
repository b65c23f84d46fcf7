import type { GatesByEnv } from '../../gates/types.ts';

/**
 * A load profile: what to send (weighted requests and sequences), how hard
 * (closed: N connections flat out; open: a target arrival rate), for how long
 * (stages), and the gates per environment. Typed against the `paths` type
 * openapi-typescript generates, so a wrong path, parameter or body does not
 * compile: `defineProfile<paths>({ ... })`.
 */

type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'patch' | 'head' | 'options' | 'trace';
type IsNever<T> = [T] extends [never] ? true : false;

/** Methods a path item actually defines (openapi-typescript writes the others as `?: never`). */
type MethodsOf<Item> = {
  [M in HttpMethod & keyof Item]: IsNever<NonNullable<Item[M]>> extends true ? never : M;
}[HttpMethod & keyof Item];

/** Drops the `?: never` slots (query, header, cookie) an operation does not use. */
type Present<T> = { [K in keyof T as IsNever<NonNullable<T[K]>> extends true ? never : K]: T[K] };

type ParamsOf<Op> = Op extends { parameters: infer P } ? Present<P> : Record<string, never>;
type BodyOf<Op> =
  NonNullable<Op extends { requestBody?: infer B } ? B : never> extends { content: infer C }
    ? C[keyof C]
    : never;

/** What request generators get: per-virtual-user values carried from earlier responses. */
export interface RequestContext {
  /** Values captured by earlier steps of this sequence (`capture`). */
  vars: Record<string, unknown>;
  /** Counts requests sent so far by this connection or arrival slot. */
  iteration: number;
  /** Seeded pseudo-random number in [0, 1). */
  random: () => number;
}

/** What `capture` reads from a response. */
export interface CapturedResponse {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON body when it parsed. */
  json?: unknown;
}

/** A value given as is, or generated per request. */
export type Gen<T> = T | ((ctx: RequestContext) => T);

type ParamsField<Op> =
  // biome-ignore lint/complexity/noBannedTypes: "every key optional" is exactly `{} extends T`
  {} extends ParamsOf<Op> ? { params?: Gen<ParamsOf<Op>> } : { params: Gen<ParamsOf<Op>> };
type BodyField<Op> = IsNever<BodyOf<Op>> extends true ? { body?: never } : { body?: Gen<BodyOf<Op>> };

/** One request against one operation of the spec. */
export type RequestStep<Paths> = {
  [P in keyof Paths & string]: {
    [M in MethodsOf<Paths[P]>]: {
      path: P;
      method: M;
      /** Name in per-operation metrics and gates; default: the spec's operationId. */
      name?: string;
      /** Extra headers (auth and environment headers are added by the target). */
      headers?: Gen<Record<string, string>>;
      /** Statuses this request expects; any other is an HTTP error. Default: any 2xx (a 302 or 404 is an error). */
      expect?: number[];
      /** Values for the next steps of a sequence, read from this response. */
      capture?: (response: CapturedResponse) => Record<string, unknown> | undefined;
    } & ParamsField<NonNullable<Paths[P][M]>> &
      BodyField<NonNullable<Paths[P][M]>>;
  }[MethodsOf<Paths[P]>];
}[keyof Paths & string];

/** A weighted entry of the mix: one request, or a sequence that carries values step to step. */
export type Scenario<Paths> =
  | (RequestStep<Paths> & { weight?: number })
  | { name: string; weight?: number; steps: RequestStep<Paths>[] };

export type StageKind = 'warmup' | 'ramp' | 'steady' | 'spike' | 'rampdown';

export interface Stage {
  kind: StageKind;
  /** `'30s'`, `'2m'`, or seconds. */
  duration: string | number;
  /** Open model: arrival rate (rps) reached at the end of the stage (ramps interpolate). */
  rate?: number;
  /** Closed model: connections at the end of the stage (ramps interpolate). */
  connections?: number;
}

export interface ProfileOptions<Paths> {
  description?: string;
  /** closed: N connections as fast as they go; open: a target arrival rate held whatever the server does. */
  model: 'closed' | 'open';
  /** Closed: connections; open: the most connections the generator may open. Default: closed 10, open rate/20 (8..512). */
  connections?: number;
  /** Open model: arrival rate in rps for stages that give none. */
  rate?: number;
  /** Shorthand for one steady stage when `stages` is not given. Default: '10s'. */
  duration?: string | number;
  stages?: Stage[];
  /** The mix. Weights default to 1. */
  requests: Scenario<Paths>[];
  /** Gates per environment: `{ local: { 'latency.p99': '<250ms' } }`. */
  gates?: GatesByEnv;
  /** Stop early when a gate stays breached (checked each second after `graceSec`). Default: false. */
  abortOnFail?: boolean | { graceSec?: number; afterSec?: number };
  /** Which part of the run gates judge: all measured stages, or only 'steady' ones. Default: 'measured'. */
  gateWindow?: 'measured' | 'steady';
  /** Share of responses validated against the spec, 0..1. Default: 0.01. */
  contractSample?: number;
  /** Per-request timeout, ms. Default: 10000. */
  timeoutMs?: number;
  /**
   * Worker threads. Open model: they share the arrivals (the total rate holds), default 1.
   * Closed model: they split the connections, default one per core (at most one per connection).
   */
  workers?: number;
  /**
   * Delete what the run created (2xx POSTs whose resource the spec can DELETE)
   * after the measured run, with the run's credentials. Default: true.
   */
  cleanup?: boolean;
  /** Seed for `ctx.random`. Default: 1. */
  seed?: number;
}

/** The shape used when no generated `paths` type is given: any path, method, params and body. */
export type UntypedPaths = Record<
  string,
  Record<
    HttpMethod,
    { parameters: Record<string, unknown>; requestBody?: { content: Record<string, unknown> } }
  >
>;

/** Identity function whose types do the work. */
export function defineProfile<Paths = UntypedPaths>(profile: ProfileOptions<Paths>): ProfileOptions<Paths> {
  return profile;
}

/** A fixture as a generator: cycles through `items`, one per request. */
export function cycle<T>(items: readonly T[]): (ctx: RequestContext) => T {
  if (items.length === 0) throw new Error('cycle() needs at least one item');
  return (ctx) => items[ctx.iteration % items.length];
}
