import type { Parameter } from '../spec/types.ts';
import type { Rng } from './prng.ts';
import { bodyMediaType, bodySchema, requestViolation } from './request-validity.ts';
import { sampleValue } from './sample-value.ts';
import { GenerationProblem } from './schema-view.ts';
import type { CaseRequest, GenerationContext } from './types.ts';

/**
 * A valid request for an operation: every required parameter, some optional
 * ones, a body from the schema. Path parameters come from `bindings` (ids of
 * resources that exist) when the caller asks for them; spec `default`s are
 * taken when asked (`preferDefaults`: the base that boundary and negative
 * cases vary one field of), examples too (`preferExamples`). Throws
 * GenerationProblem when nothing valid comes out in a few tries.
 */
const safeMethods = new Set(['get', 'head', 'options']);

export interface BaselineOptions {
  allOptional?: boolean;
  binding?: Record<string, unknown>;
  preferExamples?: boolean;
  preferDefaults?: boolean;
  /** Off after a failed try: a reference field's example may break its own schema. */
  referenceExamples?: boolean;
}

export function baselineRequest(
  ctx: GenerationContext,
  rng: Rng,
  options: BaselineOptions = {},
): CaseRequest {
  let lastReason = '';
  for (let attempt = 0; attempt < 8; attempt++) {
    const request = draw(ctx, rng, options);
    const violation = requestViolation(ctx, request);
    if (!violation) return request;
    lastReason = violation;
    options = { ...options, preferExamples: false, preferDefaults: false, referenceExamples: false };
  }
  throw new GenerationProblem(`no valid request generated (${lastReason} kept failing validation)`);
}

function draw(ctx: GenerationContext, rng: Rng, options: BaselineOptions): CaseRequest {
  const { operation, spec } = ctx;
  const request: CaseRequest = { pathParams: {}, query: {}, headers: {} };
  for (const param of operation.parameters) {
    if (param.in === 'cookie') continue;
    const bound = param.in === 'path' ? options.binding?.[param.name] : undefined;
    if (!param.required && !options.allOptional && !rng.chance(0.5)) continue;
    // Spec examples name real ids (album 1); writes must not touch shared data through them.
    const examplesOk = options.preferExamples && !(param.in === 'path' && !safeMethods.has(operation.method));
    const value = bound ?? paramValue(param, ctx, rng, examplesOk, options.preferDefaults);
    if (param.in === 'path') request.pathParams[param.name] = value;
    else if (param.in === 'query') request.query[param.name] = value;
    else request.headers[param.name] = String(value);
  }
  const schema = bodySchema(operation);
  if (operation.requestBody && schema === undefined) {
    const types = Object.keys(operation.requestBody.content).join(', ');
    throw new GenerationProblem(
      `request body media type ${types} is not one tollgate generates (JSON, multipart/form-data, application/x-www-form-urlencoded, text/plain, application/octet-stream)`,
    );
  }
  if (schema !== undefined) {
    request.body = sampleValue(schema, {
      document: spec.document,
      rng,
      allOptional: options.allOptional,
      preferExamples: options.preferExamples,
      preferDefaults: options.preferDefaults,
      referenceExamples: options.referenceExamples,
    });
    request.contentType = bodyMediaType(operation);
  }
  return request;
}

function paramValue(
  param: Parameter,
  ctx: GenerationContext,
  rng: Rng,
  preferExamples?: boolean,
  preferDefaults?: boolean,
): unknown {
  if (preferExamples && param.example !== undefined) return param.example;
  return sampleValue(param.schema, {
    document: ctx.spec.document,
    rng,
    ascii: param.in !== 'query',
    preferExamples,
    preferDefaults,
  });
}

/** A deep copy to mutate for one variant. */
export function cloneRequest(request: CaseRequest): CaseRequest {
  return structuredClone(request);
}
