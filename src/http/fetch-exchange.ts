import { parseJson } from './send-request.ts';
import type { Exchange } from './types.ts';

/**
 * Sends one request through `baseFetch` and records it as an Exchange (the
 * bodies read from clones, so the caller still reads the response). What the
 * Playwright fixture and `tollgate/vitest` check responses from.
 */
export async function fetchExchange(
  request: Request,
  baseFetch: typeof fetch,
): Promise<{ response: Response; exchange: Exchange }> {
  const requestBody = request.body ? await request.clone().text() : undefined;
  const started = performance.now();
  const response = await baseFetch(request);
  const body = await response.clone().text();
  const elapsedMs = performance.now() - started;
  const exchange: Exchange = {
    request: {
      method: request.method,
      url: request.url,
      headers: Object.fromEntries(request.headers),
      body: requestBody,
    },
    response: {
      status: response.status,
      headers: Object.fromEntries(response.headers),
      body,
      json: parseJson(body),
      elapsedMs,
    },
  };
  return { response, exchange };
}
