import { createRng, type Rng } from '../cases/prng.ts';
import { sampleValue } from '../cases/sample-value.ts';
import type { LoadedSpec, Operation, Parameter } from '../spec/types.ts';

/** One read of the mix, its parameters filled: what is sent, and the operation it counts for. */
export interface TrafficRequest {
  /** operationId (or `METHOD /path`): the name metrics and verdicts use. */
  op: string;
  method: 'GET' | 'HEAD';
  /** OpenAPI path template, without basePath. */
  template: string;
  params: { path: Record<string, unknown>; query: Record<string, unknown> };
  /** The path and query as sent, without the basePath: `/v1/albums/1?limit=20`. */
  target: string;
}

export interface ReadMix {
  /** Equal weight each. */
  requests: TrafficRequest[];
  /** Operations left out, with why: `getTrack (no example for trackId)`. */
  skipped: string[];
}

const sessionEnding = /logout|log-out|signout|sign-out|revoke/i;

/**
 * Traffic that only reads, from nothing but the spec: every GET and HEAD
 * whose required parameters can be filled (from the parameter's example,
 * its schema's example or default, an enum, else a sampled value; a path
 * parameter only from an example, which names a record that exists;
 * optional query parameters only with their default), one
 * request per operation, weighted equally. Operations that cannot be filled
 * are skipped and say why; ones that end a session (logout) are never sent.
 */
export function readMix(spec: LoadedSpec, seed = 1): ReadMix {
  const rng = createRng(seed);
  const requests: TrafficRequest[] = [];
  const skipped: string[] = [];
  for (const op of spec.operations) {
    if (op.method !== 'get' && op.method !== 'head') continue;
    if (sessionEnding.test(op.path)) {
      skipped.push(`${op.id} (ends a session)`);
      continue;
    }
    if (op.requestBody?.required) {
      skipped.push(`${op.id} (needs a body)`);
      continue;
    }
    const params = { path: {} as Record<string, unknown>, query: {} as Record<string, unknown> };
    const missing: string[] = [];
    for (const param of op.parameters) {
      if (param.in !== 'path' && param.in !== 'query') {
        if (param.required) missing.push(param.name);
        continue;
      }
      const value = fill(param, spec.document, rng);
      if (value === undefined) {
        if (param.required) missing.push(param.name);
        continue;
      }
      params[param.in][param.name] = value;
    }
    if (missing.length > 0) {
      skipped.push(`${op.id} (no example for ${missing.join(', ')})`);
      continue;
    }
    requests.push({
      op: op.id,
      method: op.method === 'head' ? 'HEAD' : 'GET',
      template: op.path,
      params,
      target: targetOf(op, params),
    });
  }
  return { requests, skipped };
}

function fill(param: Parameter, document: Record<string, unknown>, rng: Rng): unknown {
  const schema = param.schema;
  // An optional parameter is sent only with its default: an example filter (artist, cursor) narrows or breaks a read.
  if (!param.required) return param.in === 'query' ? schema.default : undefined;
  if (param.example !== undefined) return param.example;
  if (param.examples?.length) return param.examples[0];
  if (schema.example !== undefined) return schema.example;
  if (param.in === 'path') return undefined;
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0];
  try {
    return sampleValue(schema, { document, rng, ascii: true, preferExamples: true, preferDefaults: true });
  } catch {
    return undefined;
  }
}

function targetOf(op: Operation, params: TrafficRequest['params']): string {
  const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(String(params.path[name] ?? '')),
  );
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params.query)) {
    for (const v of Array.isArray(value) ? value : [value]) query.append(name, String(v));
  }
  const text = query.toString();
  return `${path}${text ? `?${text}` : ''}`;
}
