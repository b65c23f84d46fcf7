import { documentedStatuses, isExplicitlyDocumented, reachesRoute, requestPath } from './response-lookup.ts';
import type { CheckDefinition } from './types.ts';

/**
 * A 3xx the operation does not document. Contract runs never follow
 * redirects: Gin's RedirectTrailingSlash answers 301 (GET) or 307 when a
 * route is registered with a different trailing slash than the spec says,
 * and clients that follow it hide the mismatch. `default` does not count.
 */
export const undocumentedRedirect: CheckDefinition = {
  name: 'undocumented-redirect',
  description: "3xx answers are documented (catches Gin's RedirectTrailingSlash)",
  run(ctx, exchange) {
    // Followed (--follow-redirects): the first hop is the redirect the operation answered.
    const hop = exchange.redirects?.[0];
    const request = hop ? { ...exchange.request, url: hop.url } : exchange.request;
    const response = hop
      ? { ...exchange.response, status: hop.status, headers: { location: hop.location } }
      : exchange.response;
    const status = response.status;
    if (status < 300 || status >= 400 || isExplicitlyDocumented(ctx.operation, status)) return undefined;
    if (!reachesRoute(ctx.operation, request.url)) return undefined;
    const location = response.headers.location;
    const from = requestPath(request.url);
    const to = location === undefined ? undefined : requestPath(new URL(location, request.url).href);
    const trailingSlash =
      to !== undefined && to !== from && to.replace(/\/$/, '') === from.replace(/\/$/, '');
    return {
      title: trailingSlash ? "Undocumented redirect (Gin's RedirectTrailingSlash)" : 'Undocumented redirect',
      expected: documentedStatuses(ctx.operation),
      received: `Received: ${status} to Location: ${location ?? '(none)'}${
        trailingSlash ? `; the route is registered as ${to}, the spec says ${from}` : ''
      }`,
    };
  },
};
