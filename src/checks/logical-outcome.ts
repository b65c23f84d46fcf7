import type { ResponseRecord } from '../http/types.ts';
import type { CheckContext } from './types.ts';

/**
 * Whether the API said yes: a 2xx, unless a configured envelope's code says
 * the request was rejected (`200 {"code": 7, "msg": "..."}`).
 */
export function accepted(ctx: CheckContext, response: ResponseRecord): boolean {
  return response.status >= 200 && response.status < 300 && ctx.envelope?.ok !== false;
}

/** A 2xx whose envelope says rejected: the code and message, for `received`. */
export function envelopeRejection(ctx: CheckContext, response: ResponseRecord): string | undefined {
  if (response.status < 200 || response.status >= 300 || ctx.envelope?.ok !== false) return undefined;
  const { code, message } = ctx.envelope;
  return `${response.status} with code ${JSON.stringify(code)}${message ? `: ${JSON.stringify(message)}` : ''}`;
}
