import { bodyExcerpt } from './response-lookup.ts';
import type { CheckDefinition } from './types.ts';

/** Any 5xx: the server failed, whatever the request was (Gin's Recovery answers 500 with an empty body). */
export const notAServerError: CheckDefinition = {
  name: 'not-a-server-error',
  description: 'the API never answers 5xx',
  run(_ctx, { response }) {
    if (response.status < 500) return undefined;
    const body =
      response.body === ''
        ? 'empty body (a recovered panic in Gin looks like this)'
        : bodyExcerpt(response.body);
    return {
      title: `Server error ${response.status}`,
      expected: 'Expected: a response below 500',
      received: `Received: ${response.status}, ${body}`,
    };
  },
};
