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
 * A last path segment that starts with a verb of action (`/api/freshCasbin`,
 * `/api/syncApi`, `/cache/clear`): Gin projects route such commands as GET,
 * and read traffic (sent to production by monitor, compare and watch) must not run them.
 */
const actionVerbs =
  /^(sync|fresh|refresh|reset|clear|flush|purge|delete|del|remove|drop|kill|restart|reload|rebuild|install|init|exec|execute|trigger|send|push|publish|approve|reject|enable|disable|toggle|lock|unlock|ban|kick|cancel|retry|import|upload|create|add|update|set|save|apply|enter|login|signin|register|start|stop)(?=$|[A-Z_\-.0-9])/;

/**
 * Why a GET or HEAD must not be part of read traffic whatever its
 * parameters: it ends a session, or its name is a command. Undefined when it may be sent.
 */
export function unsafeReadReason(op: Operation): string | undefined {
  if (sessionEnding.test(op.path)) return 'ends a session';
  const last =
    op.path
      .split('/')
      .filter((s) => s && !s.startsWith('{'))
      .at(-1) ?? '';
  const verb = actionVerbs.exec(last)?.[1];
  return verb ? `its name reads as a command, "${verb}": a GET that may change state is not sent` : undefined;
}

/**
 * Traffic that only reads, from nothing but the spec: every GET and HEAD
 * whose required parameters can be filled without guessing (from the
 * parameter's example, its schema's example or default, an enum, a number's
 * minimum, `true`; a path parameter only from an example, which names a
 * record that exists; optional query parameters only with their default),
 * one request per operation, weighted equally. A guessed value would be
 * answered 400 and read as the API's error. Operations that cannot be filled
 * are skipped and say why; ones that end a session (logout) or whose name is
 * a command (`/api/syncApi`) are never sent.
 */
export function readMix(spec: LoadedSpec): ReadMix {
  const requests: TrafficRequest[] = [];
  const skipped: string[] = [];
  for (const op of spec.operations) {
    if (op.method !== 'get' && op.method !== 'head') continue;
    const unsafe = unsafeReadReason(op);
    if (unsafe) {
      skipped.push(`${op.id} (${unsafe})`);
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
      const value = fill(param);
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

function fill(param: Parameter): unknown {
  const schema = param.schema;
  // An optional parameter is sent only with its default: an example filter (artist, cursor) narrows or breaks a read.
  if (!param.required) return param.in === 'query' ? schema.default : undefined;
  if (param.example !== undefined) return param.example;
  if (param.examples?.length) return param.examples[0];
  if (schema.example !== undefined) return schema.example;
  if (param.in === 'path') return undefined;
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0];
  if (schema.type === 'integer' || schema.type === 'number') return schema.minimum ?? 1;
  if (schema.type === 'boolean') return true;
  return undefined;
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
