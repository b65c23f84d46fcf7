import { baselineRequest, cloneRequest } from './baseline.ts';
import type { Candidate } from './classify.ts';
import { createRng, deriveSeed } from './prng.ts';
import { bodyMediaType, requestViolation } from './request-validity.ts';
import { GenerationProblem } from './schema-view.ts';
import type { GenerationContext } from './types.ts';

/**
 * Phase (a): the spec's own examples. Parameters and bodies take their
 * `example`/`examples` (parameter, media type, schema); one case per body
 * example. An example that breaks its own schema is sent with expectation
 * 'any' (it is a spec bug, not a server bug) and noted as a problem.
 */
export function exampleCandidates(ctx: GenerationContext, problems: string[]): Candidate[] {
  const rng = createRng(deriveSeed(ctx.options.seed, ctx.operation.id, 'examples'));
  const binding = firstBinding(ctx);
  let base: ReturnType<typeof baselineRequest>;
  try {
    base = baselineRequest(ctx, rng, { allOptional: true, preferExamples: true, binding });
  } catch (error) {
    if (error instanceof GenerationProblem) return [];
    throw error;
  }
  const bodies: unknown[] = [];
  const type = bodyMediaType(ctx.operation);
  const media = type ? ctx.operation.requestBody?.content[type] : undefined;
  if (media?.example !== undefined) bodies.push(media.example);
  for (const example of media?.examples ?? []) bodies.push(unwrapExample(example));
  const candidates: Candidate[] = [{ expectation: 'valid', description: 'spec examples', request: base }];
  bodies.forEach((body, i) => {
    const request = cloneRequest(base);
    request.body = structuredClone(body);
    const bad = requestViolation(ctx, request);
    if (bad) problems.push(`request body example ${i + 1} does not match its schema (${bad})`);
    candidates.push({
      expectation: bad ? 'any' : 'valid',
      description: `request body example ${i + 1}`,
      request,
    });
  });
  return candidates;
}

/** OpenAPI Example Objects wrap the value in `value`. */
function unwrapExample(example: unknown): unknown {
  if (example && typeof example === 'object' && 'value' in example)
    return (example as { value: unknown }).value;
  return example;
}

function firstBinding(ctx: GenerationContext): Record<string, unknown> | undefined {
  return ctx.options.bindings?.[ctx.operation.id]?.[0];
}
