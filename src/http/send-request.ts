import { ExchangeError } from './exchange-error.ts';
import type { Exchange, RequestRecord } from './types.ts';

export interface SendOptions {
  /** Whole exchange budget, headers and body, ms. */
  timeoutMs: number;
  /** Aborts the request (Ctrl-C); the error's kind is then 'aborted'. */
  signal?: AbortSignal;
  /** Injected transport for tests; defaults to Node's fetch (undici). */
  fetch?: typeof fetch;
  /**
   * Bytes of response body read at most (default 4 MiB). Past it the body
   * is dropped, the connection closed, and the response marked
   * `bodyOverLimit`: a 100 MB answer costs 4 MB of memory, not 100 MB.
   */
  maxBodyBytes?: number;
}

/** The default of `SendOptions.maxBodyBytes` and of `contract.maxResponseBytes`. */
export const defaultMaxBodyBytes = 4 * 1024 * 1024;

/**
 * Sends one request and records the exchange. Redirects are never followed:
 * a 3xx is data (Gin's RedirectTrailingSlash is a finding). Timing runs from
 * just before the send to the end of the body, with microsecond precision.
 * Network failures throw an ExchangeError; any HTTP status is a result.
 */
export async function sendRequest(request: RequestRecord, options: SendOptions): Promise<Exchange> {
  const doFetch = options.fetch ?? fetch;
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const method = request.method.toUpperCase();
  const started = performance.now();
  try {
    const response = await doFetch(request.url, {
      method,
      headers: request.headers,
      body:
        request.body !== undefined && request.bodyEncoding === 'latin1'
          ? Buffer.from(request.body, 'latin1')
          : request.body,
      redirect: 'manual',
      signal,
    });
    const limit = options.maxBodyBytes ?? defaultMaxBodyBytes;
    const read = await readBody(response, limit);
    const elapsedMs = roundMicros(performance.now() - started);
    return {
      request: { ...request, method },
      response: {
        status: response.status,
        headers: headersOf(response.headers),
        body: read.body,
        json: read.overLimit ? undefined : parseJson(read.body),
        elapsedMs,
        ...(read.overLimit ? { bodyOverLimit: limit } : {}),
      },
    };
  } catch (error) {
    const elapsedMs = roundMicros(performance.now() - started);
    if (options.signal?.aborted) throw new ExchangeError('aborted', request, elapsedMs, { cause: error });
    if (timeout.aborted) throw new ExchangeError('timeout', request, elapsedMs, { cause: error });
    const code = errorCode(error);
    if (code === undefined && error instanceof TypeError) {
      throw new ExchangeError('unsendable', request, elapsedMs, { code: error.message, cause: error });
    }
    if (code === undefined) throw error;
    throw new ExchangeError(
      code.startsWith('UND_ERR_') && code.includes('TIMEOUT') ? 'timeout' : 'unreachable',
      request,
      elapsedMs,
      {
        code,
        cause: error,
      },
    );
  }
}

/**
 * The body as text, stopping at `limit` bytes: what was read past the limit
 * is dropped and the stream cancelled (undici closes the connection), so
 * memory stays at the limit whatever the server sends.
 */
async function readBody(response: Response, limit: number): Promise<{ body: string; overLimit: boolean }> {
  const declared = Number(response.headers.get('content-length'));
  if (!response.body) return { body: '', overLimit: false };
  if (declared > limit) {
    await response.body.cancel();
    return { body: '', overLimit: true };
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return { body: '', overLimit: true };
    }
    chunks.push(value);
  }
  return { body: Buffer.concat(chunks).toString('utf8'), overLimit: false };
}

/** Lower-case names; repeated Set-Cookie headers joined with ', ' like every other header. */
function headersOf(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name.toLowerCase()] = value;
  });
  const cookies = headers.getSetCookie?.() ?? [];
  if (cookies.length > 0) out['set-cookie'] = cookies.join(', ');
  return out;
}

/** A body as JSON; undefined when it is empty or not JSON (the checks then read it as text). */
export function parseJson(body: string): unknown {
  if (body.trim() === '') return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/**
 * The code of a network failure. undici throws `TypeError('fetch failed')`
 * with the system error as `cause` (ECONNREFUSED, ECONNRESET, UND_ERR_SOCKET);
 * a TypeError without one means fetch refused the request itself.
 */
function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^(E[A-Z]+|UND_ERR_[A-Z_]+)$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  if (error instanceof TypeError && error.message === 'fetch failed') return 'FETCH_FAILED';
  return undefined;
}

function roundMicros(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
