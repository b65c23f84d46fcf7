import type { Exchange, RequestRecord } from './types.ts';

type Send = (request: RequestRecord) => Promise<Exchange>;

const redirectStatuses = new Set([301, 302, 303, 307, 308]);
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);
const maxHops = 5;

/**
 * `--follow-redirects`: follows 3xx answers on the same origin only, so a run
 * reaches the real answer behind Gin's RedirectTrailingSlash. A write
 * follows only a trailing-slash redirect (the same route, so the same
 * resource); anything else it would be sent to is not followed. 307/308 keep
 * method and body, 303 (and 301/302 of a write, as browsers do) become a GET.
 * The exchange keeps the request as the case sent it and lists the hops.
 */
export async function sendFollowing(send: Send, request: RequestRecord): Promise<Exchange> {
  const first = await send(request);
  const hops: NonNullable<Exchange['redirects']> = [];
  let current = request;
  let exchange = first;
  while (hops.length < maxHops) {
    const next = nextRequest(current, exchange);
    if (!next) break;
    hops.push({ status: exchange.response.status, url: current.url, location: next.url });
    current = next;
    exchange = await send(next);
  }
  return hops.length === 0 ? first : { request, response: exchange.response, redirects: hops };
}

function nextRequest(request: RequestRecord, { response }: Exchange): RequestRecord | undefined {
  const location = response.headers.location;
  if (!redirectStatuses.has(response.status) || location === undefined) return undefined;
  let from: URL;
  let to: URL;
  try {
    from = new URL(request.url);
    to = new URL(location, request.url);
  } catch {
    return undefined;
  }
  if (to.origin !== from.origin) return undefined;
  const method = request.method.toUpperCase();
  if (!safeMethods.has(method) && to.pathname.replace(/\/$/, '') !== from.pathname.replace(/\/$/, ''))
    return undefined;
  const keep = response.status === 307 || response.status === 308 || safeMethods.has(method);
  if (keep && response.status !== 303) return { ...request, url: to.href };
  const headers = Object.fromEntries(
    Object.entries(request.headers).filter(([name]) => name !== 'content-type'),
  );
  return { method: 'GET', url: to.href, headers };
}
