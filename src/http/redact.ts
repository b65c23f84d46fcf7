import type { Secret } from '../config/types.ts';
import { exchangeSecrets } from './exchange-secrets.ts';
import { isSensitiveHeader, isSensitiveParam, minSecretLength } from './sensitive-names.ts';
import type { Exchange, RequestRecord, ResponseRecord } from './types.ts';

export const REDACTED = '[REDACTED]';

export interface RedactedExchange {
  request: RequestRecord;
  response: Omit<ResponseRecord, 'json'>;
}

export interface RedactOptions {
  /** Bodies longer than this many characters are cut, with a marker. Default 4096. */
  maxBodyChars?: number;
}

/**
 * An exchange safe to write into a report: credential headers and query
 * parameters are replaced, every known secret value (raw or URL-encoded) is
 * blanked wherever it appears (URL, any header, either body) -- the
 * configured ones and those the exchange itself carried in a credential
 * header, a cookie or a credential query parameter -- and bodies are
 * truncated after redaction so a cut never exposes half a secret.
 */
export function redact(
  exchange: Exchange,
  secrets: readonly Secret[],
  options: RedactOptions = {},
): RedactedExchange {
  const max = options.maxBodyChars ?? 4096;
  const { request, response } = exchange;
  const scrub = secretScrubber([...secrets, ...exchangeSecrets(request, response)]);
  return {
    request: {
      method: request.method,
      url: scrub(redactUrl(request.url)),
      headers: redactHeaders(request.headers, scrub),
      ...(request.body === undefined ? {} : { body: truncate(scrub(request.body), max) }),
    },
    response: {
      status: response.status,
      headers: redactHeaders(response.headers, scrub),
      body: truncate(scrub(response.body), max),
      elapsedMs: response.elapsedMs,
      ...(response.bodyOverLimit === undefined ? {} : { bodyOverLimit: response.bodyOverLimit }),
    },
  };
}

/** Replaces every occurrence of a known secret value (and its URL-encoded form). */
export function secretScrubber(secrets: readonly Secret[]): (text: string) => string {
  const needles = [
    ...new Set(
      secrets
        .flatMap((s) => [s.value, encodeURIComponent(s.value)])
        .filter((v) => v.length >= minSecretLength)
        .sort((a, b) => b.length - a.length),
    ),
  ];
  return (text) => needles.reduce((out, needle) => out.replaceAll(needle, REDACTED), text);
}

function redactHeaders(
  headers: Record<string, string>,
  scrub: (text: string) => string,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (isSensitiveHeader(name)) out[name] = keepScheme(name, value);
    else if (name.toLowerCase() === 'location') out[name] = scrub(redactUrl(value));
    else out[name] = scrub(value);
  }
  return out;
}

/** `Bearer abc` -> `Bearer [REDACTED]`: the scheme helps a reader and is no secret. */
function keepScheme(name: string, value: string): string {
  const lower = name.toLowerCase();
  if (lower !== 'authorization' && lower !== 'proxy-authorization') return REDACTED;
  const match = /^(\w+)\s+\S/.exec(value);
  return match ? `${match[1]} ${REDACTED}` : REDACTED;
}

function redactUrl(url: string): string {
  const query = url.indexOf('?');
  if (query < 0) return url;
  const hash = url.indexOf('#', query);
  const end = hash < 0 ? url.length : hash;
  const params = url
    .slice(query + 1, end)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = safeDecode(eq < 0 ? pair : pair.slice(0, eq));
      return eq >= 0 && isSensitiveParam(name) ? `${pair.slice(0, eq)}=${REDACTED}` : pair;
    });
  return `${url.slice(0, query)}?${params.join('&')}${url.slice(end)}`;
}

function truncate(body: string, max: number): string {
  if (body.length <= max) return body;
  return `${body.slice(0, max)}… [truncated: ${body.length} characters in total]`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    return text;
  }
}
