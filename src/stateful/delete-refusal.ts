import type { Envelope } from '../config/types.ts';
import { readEnvelope } from '../http/envelope.ts';

const codeNames = ['code', 'errcode', 'errno'];
const messageNames = ['msg', 'message', 'error'];

/**
 * Why an answered DELETE did not delete, or undefined when it did. A 2xx is
 * a deletion unless its body is an envelope saying no, as admin scaffolds
 * refuse with HTTP 200 and `{"code": 7, "msg": "the role is held by user x"}`;
 * a 404 or 410 counts as deleted (already gone). The configured envelope
 * (`contract.envelope`) decides by its ok codes; without one, a body with an
 * integer `code` other than 0 (or an HTTP-like 2xx) beside a message string
 * is a refusal.
 */
export function deleteRefusal(
  response: { status: number; json?: unknown },
  envelope?: Envelope | false,
): string | undefined {
  const { status, json } = response;
  if (status === 404 || status === 410) return undefined;
  if (status < 200 || status > 299) return `answered ${status}`;
  if (envelope) {
    const outcome = readEnvelope(envelope, json);
    if (outcome?.ok !== false) return undefined;
    return refused(status, outcome.code, outcome.message);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return undefined;
  const body = json as Record<string, unknown>;
  const code = codeNames.map((k) => body[k]).find((v) => typeof v === 'number' && Number.isInteger(v));
  const message = messageNames.map((k) => body[k]).find((v) => typeof v === 'string');
  if (typeof code !== 'number' || code === 0 || (code >= 200 && code < 300) || message === undefined)
    return undefined;
  return refused(status, code, message as string);
}

function refused(status: number, code: unknown, message: string | undefined): string {
  return `answered ${status} with code ${String(code)}${message ? `: ${message}` : ''}`;
}
