import { baselineRequest } from './baseline.ts';
import type { Candidate } from './classify.ts';
import { createRng, deriveSeed } from './prng.ts';
import type { GenerationContext } from './types.ts';

/**
 * Phase (b): random valid requests. Every other case takes its path
 * parameters from `bindings` (resources that exist), so reads answer 2xx and
 * not only a documented 404. Throws GenerationProblem when no valid request
 * can be drawn at all.
 */
export function positiveCandidates(ctx: GenerationContext): Candidate[] {
  const bindings = ctx.options.bindings?.[ctx.operation.id] ?? [];
  const out: Candidate[] = [];
  const tries = ctx.options.maxCases * 2;
  for (let i = 0; i < tries && out.length < ctx.options.maxCases; i++) {
    const rng = createRng(deriveSeed(ctx.options.seed, ctx.operation.id, 'positive', String(i)));
    const binding = bindings.length && i % 2 === 0 ? bindings[(i / 2) % bindings.length] : undefined;
    const request = baselineRequest(ctx, rng, { allOptional: i % 3 === 0, binding });
    out.push({ expectation: 'valid', description: `random valid request #${i + 1}`, request });
  }
  return out;
}
