import { baselineRequest } from './baseline.ts';
import type { Candidate } from './classify.ts';
import { isUnsafeMethod } from './own-resources.ts';
import { createRng, deriveSeed } from './prng.ts';
import type { GenerationContext } from './types.ts';

/**
 * Phase (b): random valid requests. Reads take their path parameters from
 * `bindings` (resources that exist) every other case, so they answer 2xx and
 * not only a documented 404; writes take them every time, since a random
 * valid id could name someone else's resource (own-resources.ts drops those).
 * Every fourth case (#2, #6, …) takes the spec's defaults, and reads its
 * examples too: a list whose server-side page size is tighter than the spec
 * still answers 200 to its own default. Throws GenerationProblem when no
 * valid request can be drawn at all.
 */
export function positiveCandidates(ctx: GenerationContext): Candidate[] {
  const bindings = ctx.options.bindings?.[ctx.operation.id] ?? [];
  const everyTime = isUnsafeMethod(ctx.operation.method);
  const out: Candidate[] = [];
  const tries = ctx.options.maxCases * 2;
  for (let i = 0; i < tries && out.length < ctx.options.maxCases; i++) {
    const rng = createRng(deriveSeed(ctx.options.seed, ctx.operation.id, 'positive', String(i)));
    const binding =
      bindings.length && (everyTime || i % 2 === 0)
        ? bindings[Math.floor(i / 2) % bindings.length]
        : undefined;
    const fromSpec = i % 4 === 1;
    const request = baselineRequest(ctx, rng, {
      allOptional: i % 3 === 0,
      binding,
      preferDefaults: fromSpec,
      preferExamples: fromSpec && !everyTime,
    });
    const what = fromSpec ? 'valid request with spec defaults' : 'random valid request';
    out.push({ expectation: 'valid', description: `${what} #${i + 1}`, request });
  }
  return out;
}
