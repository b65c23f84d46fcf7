import { essence, isJsonMediaType } from './media-type.ts';
import { findResponse, targetsOperation } from './response-lookup.ts';
import type { CheckDefinition } from './types.ts';

const ginNotFound = '404 page not found';

/**
 * Gin answers unrouted requests with `404 page not found` as text/plain. On
 * a documented operation that means either a handler that fell through to
 * Gin's default where the spec promises a JSON 404, or a route the server
 * does not register at all (path or base-path mismatch).
 */
export const textPlain404: CheckDefinition = {
  name: 'text-plain-404',
  description: 'no Gin plain-text 404 where a JSON 404 is documented or the path is documented',
  run(ctx, exchange) {
    const { response } = exchange;
    if (response.status !== 404 || !targetsOperation(ctx, exchange)) return undefined;
    if (essence(response.headers['content-type']) !== 'text/plain') return undefined;
    const documented = findResponse(ctx.operation, 404);
    const jsonTypes = documented ? Object.keys(documented.spec.content).filter(isJsonMediaType) : [];
    const isGinDefault = response.body.trim() === ginNotFound;
    if (jsonTypes.length > 0) {
      return {
        title: 'Plain-text 404 where a JSON 404 is documented',
        expected: `Documented: ${jsonTypes.join(', ')} for ${documented!.key}`,
        received: `Received: text/plain ${JSON.stringify(response.body.slice(0, 60))}${
          isGinDefault ? " (Gin's default for a route it does not know)" : ''
        }`,
      };
    }
    if (!isGinDefault) return undefined;
    return {
      title: "Gin's route-not-found 404 on a documented path",
      expected: `Documented: ${ctx.operation.key} is served`,
      received: `Received: 404 text/plain "${ginNotFound}": Gin has no route for it (check the path and base path)`,
    };
  },
};
