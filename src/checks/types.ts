import type { EnvelopeOutcome } from '../http/envelope.ts';
import type { Exchange } from '../http/types.ts';
import type { LoadedSpec, Operation } from '../spec/types.ts';

/**
 * A check is a small pure function: it reads one exchange and the case that
 * produced it, and returns a Failure or nothing. It never prints and never
 * sends requests; the engine decides what to send (including the follow-up
 * GET that stateful checks read).
 */
type Check = (ctx: CheckContext, exchange: Exchange) => Failure | undefined;

export interface CheckDefinition {
  /** Kebab-case, unique across the registry: `status-code-documented`. */
  name: string;
  /** One line for the README and --help. */
  description: string;
  /** Report only the first failure per operation: one cause, however many cases show it. */
  oncePerOperation?: boolean;
  run: Check;
}

export interface Failure {
  /** Short, specific: `Undocumented status code`. */
  title: string;
  /** Schemathesis style: `Documented: 200, 404`. */
  expected: string;
  /** `Received: 500`. */
  received: string;
  /** JSON pointer into the body or schema, when the check knows it; part of the grouping key. */
  location?: string;
  /** Default error. A warning is reported once per operation and `onceKey` (default: the status). */
  severity?: 'error' | 'warning' | 'info';
  /** What makes two warnings of one check on one operation the same (e.g. an envelope code). */
  onceKey?: string;
}

/** What the engine meant by sending this request. Checks use it to know what to expect. */
export type CaseExpectation =
  /** A request the spec says is valid: expect a documented success. */
  | 'valid'
  /** The spec says this input is invalid: expect a 4xx. */
  | 'invalid'
  /** A required request header was left out: expect a 4xx. */
  | 'missing-header'
  /** No or bad credentials on a secured operation: expect 401/403. */
  | 'unauthorized'
  /** A method the spec does not declare on this path: expect 404 (Gin default) or 405 + Allow. */
  | 'undeclared-method'
  /** A GET right after a successful DELETE of the same resource: expect 404/410. */
  | 'gone'
  /** A GET right after a successful create: expect 2xx. */
  | 'present'
  /** Anything else (e.g. examples whose validity is unknown): only response conformance applies. */
  | 'any';

export interface CaseMeta {
  phase: 'examples' | 'positive' | 'boundary' | 'negative' | 'methods' | 'auth' | 'stateful';
  expectation: CaseExpectation;
  /** Human description of the case: `title at maxLength (100)`. */
  description: string;
  /**
   * An invalid request that Gin's JSON binder takes by design (negative-data-rejected.ts):
   * accepting it is a warning naming the idiom, not an error.
   */
  leniency?: BinderLeniency;
}

/**
 * `ShouldBindJSON` decodes the body whatever its Content-Type, and only its
 * first JSON value; Go's json leaves a field at its zero value for a `null`.
 */
export type BinderLeniency = 'ignored-content-type' | 'trailing-bytes' | 'null-as-absent';

export interface CheckContext {
  spec: LoadedSpec;
  /** The operation the request targets; for undeclared methods, the path's first operation. */
  operation: Operation;
  case: CaseMeta;
  /** This check's options from config (`contract.checks[name]` when an object), else {}. */
  options: Record<string, unknown>;
  /** Gin's HandleMethodNotAllowed setting for the environment under test. */
  handleMethodNotAllowed: boolean;
  /** Response-time budget for this operation, ms, when configured. */
  maxResponseMs?: number;
  /** What the body says through the configured envelope (`{code, msg, data}`), when one is configured and the body is one. */
  envelope?: EnvelopeOutcome;
  /** Whether an envelope is configured at all (a bodiless answer has no `envelope`). */
  envelopeConfigured?: boolean;
}
