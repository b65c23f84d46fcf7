import { exchangeSecrets } from '../http/exchange-secrets.ts';
import { secretScrubber } from '../http/redact.ts';
import { isSensitiveHeader } from '../http/sensitive-names.ts';
import type { RequestRecord, ResponseRecord } from '../http/types.ts';
import type { Finding } from '../run/model.ts';

const REDACTED = '[redacted]';

/** Header names whose values are credentials. */
const secretHeader =
  /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api-key|x-auth-token|x-access-token|x-csrf-token|x-amz-security-token)$|(token|secret|api[-_]?key|password|session)/i;
/** Query parameter names whose values are credentials. */
const secretParam = /^(access_token|token|api_key|apikey|key|sig|signature|password|secret|auth|session)$/i;

function isSecretHeader(name: string): boolean {
  return secretHeader.test(name) || isSensitiveHeader(name);
}

/**
 * The last line of defence: the engines redact before a finding is made, but a
 * report must never show a credential even if one slipped through. Keeps the
 * scheme of an Authorization header (`Bearer [redacted]`) since it helps debugging.
 */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!isSecretHeader(name) || value === REDACTED) out[name] = value;
    else if (/^(proxy-)?authorization$/i.test(name)) out[name] = `${value.split(' ')[0]} ${REDACTED}`.trim();
    else out[name] = REDACTED;
  }
  return out;
}

/** Replaces credential query parameters' values in a URL; non-URLs are returned as they are. */
export function redactUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url.replace(/\/\/[^/@]+@/, `//${REDACTED}@`);
  const base = url.slice(0, at).replace(/\/\/[^/@]+@/, `//${REDACTED}@`);
  const query = url
    .slice(at + 1)
    .split('&')
    .map((pair) => {
      const [name] = pair.split('=');
      return secretParam.test(decodeURIComponentSafe(name)) ? `${name}=${REDACTED}` : pair;
    })
    .join('&');
  return `${base}?${query}`;
}

function redactRequest(request: RequestRecord): RequestRecord {
  return { ...request, url: redactUrl(request.url), headers: redactHeaders(request.headers) };
}

/**
 * A finding as a report may show it. Values its own request carried in a
 * credential header, cookie or credential parameter (and cookies its response
 * set) are blanked wherever they reappear, not only under their header name.
 */
export function redactFinding(finding: Finding): Finding {
  const scrub = secretScrubber(exchangeSecrets(finding.request, finding.response));
  const request = redactRequest(finding.request);
  return {
    ...finding,
    title: scrub(finding.title),
    expected: scrub(finding.expected),
    received: scrub(finding.received),
    request: {
      ...request,
      url: scrub(request.url),
      ...(request.body === undefined ? {} : { body: scrub(request.body) }),
    },
    response: redactResponse(finding.response, scrub),
    curl: scrub(redactCurl(finding.curl)),
  };
}

function redactResponse<R extends Pick<ResponseRecord, 'headers' | 'body'>>(
  response: R,
  scrub: (text: string) => string,
): R {
  const headers = Object.fromEntries(
    Object.entries(redactHeaders(response.headers)).map(([name, value]) => [name, scrub(value)]),
  );
  return { ...response, headers, body: scrub(response.body) };
}

/** Repro commands: credential headers and query params lose their values unless they already name a variable. */
export function redactCurl(curl: string): string {
  return redactUrlsIn(curl).replace(
    /(-H\s+)(['"])([A-Za-z0-9-]+):\s*([^'"]*)\2/g,
    (whole, flag: string, quote: string, name: string, value: string) => {
      if (!isSecretHeader(name) || value.includes('$')) return whole;
      const kept = /^authorization$/i.test(name) ? `${value.split(' ')[0]} ${REDACTED}` : REDACTED;
      return `${flag}${quote}${name}: ${kept}${quote}`;
    },
  );
}

function redactUrlsIn(text: string): string {
  return text.replace(/https?:\/\/[^\s'"]+/g, (url) => redactUrl(url));
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
