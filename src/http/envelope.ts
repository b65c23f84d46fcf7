import type { Envelope } from '../config/types.ts';

/**
 * What an envelope body means: many Gin projects answer every request with
 * HTTP 200 and `{"code": 7, "msg": "...", "data": ...}`, so the status alone
 * says nothing. `ok` is whether the code is one of the envelope's ok codes.
 */
export interface EnvelopeOutcome {
  ok: boolean;
  code: unknown;
  message?: string;
  data: unknown;
}

/** Reads a parsed body through the envelope; undefined when the body has no code at the pointer. */
export function readEnvelope(envelope: Envelope, body: unknown): EnvelopeOutcome | undefined {
  const code = atPointer(body, envelope.code);
  if (code === undefined) return undefined;
  const message = envelope.message === undefined ? undefined : atPointer(body, envelope.message);
  return {
    ok: envelope.ok.some((ok) => ok === code || String(ok) === String(code)),
    code,
    ...(typeof message === 'string' ? { message } : {}),
    data: envelope.data === undefined ? body : atPointer(body, envelope.data),
  };
}

/**
 * The payload of a body: `data` inside an envelope when one is configured and
 * the body is one, else the body itself. Stateful binding and cleanup read
 * ids from here.
 */
export function envelopeData(envelope: Envelope | false | undefined, body: unknown): unknown {
  if (!envelope) return body;
  const outcome = readEnvelope(envelope, body);
  return outcome ? outcome.data : body;
}

/** RFC 6901 JSON pointer lookup ('' is the whole value). */
function atPointer(value: unknown, pointer: string): unknown {
  if (pointer === '') return value;
  let current = value;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(current)) current = current[Number(key)];
    else if (current !== null && typeof current === 'object')
      current = (current as Record<string, unknown>)[key];
    else return undefined;
  }
  return current;
}
