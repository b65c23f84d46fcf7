import type { Operation, Parameter } from '../spec/types.ts';

/** One read the smoke profile and the functional suite send. */
export interface SmokeRequest {
  operation: string;
  path: string;
  query: Record<string, unknown>;
  pathParams: Record<string, unknown>;
  /** The documented success status (the first 2xx), 200 when none is. */
  status: number;
}

const sessionEnding = /logout|log-out|signout|sign-out|revoke/i;

/**
 * The reads a first smoke run can send without guessing: GETs whose required
 * parameters all have an example, a default or an enum in the spec (ids in a
 * path only from an example, which names a record that exists). Optional
 * query parameters with a default are sent too (Gin lists often require
 * `pageSize` within limits). At most `limit`, in spec order.
 */
export function smokeRequests(
  operations: Operation[],
  limit = 8,
): { requests: SmokeRequest[]; skipped: string[] } {
  const requests: SmokeRequest[] = [];
  const skipped: string[] = [];
  for (const op of operations) {
    if (op.method !== 'get' || sessionEnding.test(op.path)) continue;
    const status = Number(Object.keys(op.responses).find((s) => /^2\d\d$/.test(s)) ?? 200);
    const request: SmokeRequest = { operation: op.key, path: op.path, query: {}, pathParams: {}, status };
    const missing = op.parameters.filter((p) => !fill(p, request) && p.required).map((p) => p.name);
    if (missing.length) skipped.push(`${op.key} (no example for ${missing.join(', ')})`);
    else if (requests.length < limit) requests.push(request);
  }
  return { requests, skipped };
}

function fill(param: Parameter, request: SmokeRequest): boolean {
  const value = known(param);
  if (value === undefined) return false;
  if (param.in === 'path') request.pathParams[param.name] = value;
  else if (param.in === 'query') request.query[param.name] = value;
  else return false;
  return true;
}

function known(param: Parameter): unknown {
  if (param.example !== undefined) return param.example;
  if (param.examples?.length) return param.examples[0];
  if (param.in === 'path') return undefined;
  const schema = param.schema;
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0];
  if (!param.required) return undefined;
  if (schema.type === 'integer' || schema.type === 'number') return schema.minimum ?? 1;
  if (schema.type === 'boolean') return true;
  return undefined;
}
