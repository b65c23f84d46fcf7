import type { CaseMeta } from '../checks/types.ts';
import type { LoadedSpec, Operation, SchemaObject } from '../spec/types.ts';

/**
 * A generated test case: what to send (still unserialised) and what the
 * engine meant by it. Cases are pure data; `src/contract/build-request.ts`
 * turns one into an HTTP request against a base URL.
 */
export interface TestCase extends CaseMeta {
  /** The operation's id (`getAlbum`); undeclared-method cases name the path's first operation. */
  operationId: string;
  request: CaseRequest;
  /** Addresses a resource this run created and then deleted (gone-cases.ts); replay deletes a fresh one first. */
  tombstone?: true;
}

export interface CaseRequest {
  /** Overrides the operation's method (undeclared-method cases). */
  method?: string;
  /** Values before serialisation; path values are percent-encoded when built. */
  pathParams: Record<string, unknown>;
  /** Arrays go out as repeated keys when the parameter explodes. */
  query: Record<string, unknown>;
  headers: Record<string, string>;
  /**
   * Header names (lower-case) this case leaves out on purpose: not sent even
   * when the target's own headers (`--header`, config, credentials) carry them.
   */
  omitHeaders?: string[];
  /**
   * Header names (lower-case) whose value this case changed on purpose, so it
   * wins over the target's; any other generated header value yields to a
   * header the user gave (they know the real token, tenant, ...).
   */
  changedHeaders?: string[];
  /** A JSON value to serialise. Ignored when `rawBody` is set. */
  body?: unknown;
  /** Bytes sent as they are (malformed JSON, empty and oversized bodies). */
  rawBody?: string;
  /** `latin1`: each character of `rawBody` is one byte (bodies that are not UTF-8 text). */
  rawEncoding?: 'latin1';
  contentType?: string;
  /** Form file properties sent as plain text fields instead of files (a negative case). */
  plainParts?: string[];
  /** What to do with the target's credentials: keep (default), leave out, or replace with a wrong value. */
  auth?: 'keep' | 'none' | 'invalid';
}

/** Answers whether a value fits a schema (the shared ajv validator, injected). */
export type IsValid = (schema: SchemaObject, value: unknown) => boolean;

export interface PlanOptions {
  seed: number;
  /** Cap on cases per operation and phase. */
  maxCases: number;
  /** Only safe methods and no negative payloads. */
  readOnly?: boolean;
  /** Size of the oversized-body case, bytes. Default 1 MiB + 1. */
  oversizedBytes?: number;
  /** Known-good path parameter sets per operation id (resources created or listed in this run). */
  bindings?: Record<string, Record<string, unknown>[]>;
}

export interface GenerationContext {
  spec: LoadedSpec;
  operation: Operation;
  options: PlanOptions;
  isValid: IsValid;
}

/** What planning one operation produced, including what it had to drop and why. */
export interface PhaseOutput {
  cases: TestCase[];
  /** Negative cases that turned out valid, and valid ones that failed validation. */
  dropped: number;
  /** Generated cases left out because the phase reached maxCases. */
  cut?: number;
  problems: string[];
}
