import { accepted } from './logical-outcome.ts';
import type { BinderLeniency, CheckDefinition } from './types.ts';

/**
 * What Gin's `c.ShouldBindJSON` does by design (gin/binding/json.go): it
 * decodes the body as JSON whatever the request's Content-Type, and a
 * `json.Decoder` reads the first JSON value and stops, so bytes after it are
 * never seen; Go's json takes a `null` for a non-pointer field as "not
 * present" (an optional field sent as null is absent). A Gin API that accepts such a body behaves as its framework
 * documents, and its maintainers will not call that a bug: a warning naming
 * the idiom, once per operation and idiom, never an error. Any other accepted invalid
 * request (a missing required field, a wrong type) stays an error.
 */
const ginIdioms: Record<BinderLeniency, string> = {
  'ignored-content-type':
    "Gin's ShouldBindJSON decodes the body as JSON whatever the Content-Type says; check c.ContentType() (or use c.ShouldBindWith(&v, binding.JSON) behind a Content-Type check) to refuse it",
  'trailing-bytes':
    "Gin's ShouldBindJSON reads the first JSON value and ignores what follows it; decode with json.Decoder and check dec.More() (or read the body and json.Unmarshal it) to refuse it",
  'null-as-absent':
    "Go's encoding/json leaves a non-pointer field at its zero value for a JSON null (null means 'not present'), so Gin takes an optional field sent as null as absent; bind it into a pointer (*string) and refuse nil to reject it",
};

/** A request the spec says is invalid must not succeed (through the envelope, when one is configured). */
export const negativeDataRejected: CheckDefinition = {
  name: 'negative-data-rejected',
  description: 'requests that violate the schema are rejected with a 4xx (or an envelope error code)',
  run(ctx, { response }) {
    if (ctx.case.expectation !== 'invalid') return undefined;
    if (!accepted(ctx, response)) return undefined;
    const received = `Received: ${response.status}${ctx.envelope ? ` with code ${JSON.stringify(ctx.envelope.code)}` : ''}`;
    const idiom = ctx.case.leniency;
    if (idiom) {
      return {
        title: "API accepted a body Gin's JSON binder reads by design",
        expected: `Expected: 4xx, because ${ctx.case.description}; ${ginIdioms[idiom]}`,
        received,
        severity: 'warning',
        onceKey: idiom,
      };
    }
    return {
      title: 'API accepted schema-violating request',
      expected: `Expected: 4xx, because ${ctx.case.description}`,
      received,
    };
  },
};
