import { undefinedSchemeNames } from '../spec/spec-warnings.ts';
import { baselineRequest } from './baseline.ts';
import { createRng, deriveSeed } from './prng.ts';
import type { GenerationContext, TestCase } from './types.ts';

/**
 * Phase (f): every secured operation once without credentials and once with
 * wrong ones; the rest of the request is valid, so only auth can explain a
 * 4xx. Operations whose security allows anonymous access (`{}`) are skipped,
 * and so are those naming a scheme the spec never defines (a `@Security`
 * typo): where the credential goes is unknown, so a guessed header could only
 * raise false alarms; the spec warning says so once.
 */
export function authCases(ctx: GenerationContext): TestCase[] {
  const { operation } = ctx;
  if (!operation.security.length || operation.security.some((req) => Object.keys(req).length === 0))
    return [];
  if (undefinedSchemeNames(ctx.spec, operation.security).length > 0) return [];
  const rng = createRng(deriveSeed(ctx.options.seed, operation.id, 'auth'));
  const binding = ctx.options.bindings?.[operation.id]?.[0];
  const request = baselineRequest(ctx, rng, { binding });
  return (['none', 'invalid'] as const).map((auth) => ({
    operationId: operation.id,
    phase: 'auth',
    expectation: 'unauthorized',
    description: auth === 'none' ? 'no credentials' : 'invalid credentials',
    request: { ...structuredClone(request), auth },
  }));
}
