import type { RequestRecord } from './types.ts';

/**
 * Why no response came back. `unreachable`: refused, reset, DNS, closed
 * before a response (the server is down or died); `timeout`: no complete
 * response within timeoutMs; `aborted`: the caller's signal (Ctrl-C);
 * `unsendable`: the HTTP client refused to encode the request (a header value
 * outside Latin-1, a GET with a body), so nothing reached the server.
 */
export type ExchangeErrorKind = 'unreachable' | 'timeout' | 'aborted' | 'unsendable';

export class ExchangeError extends Error {
  readonly kind: ExchangeErrorKind;
  /** The system or undici code when there was one: `ECONNREFUSED`, `UND_ERR_SOCKET`. */
  readonly code?: string;
  readonly request: RequestRecord;
  /** Time spent before giving up, ms. */
  readonly elapsedMs: number;

  constructor(
    kind: ExchangeErrorKind,
    request: RequestRecord,
    elapsedMs: number,
    options: { code?: string; cause?: unknown } = {},
  ) {
    super(messageFor(kind, request, elapsedMs, options.code), { cause: options.cause });
    this.name = 'ExchangeError';
    this.kind = kind;
    this.code = options.code;
    this.request = request;
    this.elapsedMs = elapsedMs;
  }
}

export function isExchangeError(error: unknown): error is ExchangeError {
  return error instanceof ExchangeError;
}

function messageFor(
  kind: ExchangeErrorKind,
  request: RequestRecord,
  elapsedMs: number,
  code?: string,
): string {
  const target = `${request.method.toUpperCase()} ${originOf(request.url)}`;
  if (kind === 'timeout') return `${target}: no response within ${Math.round(elapsedMs)} ms`;
  if (kind === 'aborted') return `${target}: aborted`;
  if (kind === 'unsendable') return `${target}: the request cannot be sent${code ? ` (${code})` : ''}`;
  return `${target}: unreachable${code ? ` (${code})` : ''}`;
}

/** Scheme, host and path only: error messages must not carry query strings (they may hold keys). */
function originOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}
