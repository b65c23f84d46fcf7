import type { CaseExpectation, CaseMeta } from '../checks/types.ts';
import { requestViolation } from './request-validity.ts';
import type { CaseRequest, GenerationContext, PhaseOutput, TestCase } from './types.ts';

export interface Candidate {
  expectation: CaseExpectation;
  description: string;
  request: CaseRequest;
  /** For 'any' cases: becomes 'invalid' when the request breaks the schema. */
  upgradeWhenInvalid?: boolean;
  /** Expectation from the schema: 'valid' when the request fits it, else 'invalid' (blank strings). */
  byValidity?: boolean;
  /** Deterministic must-haves (a missing required field, a malformed body): not counted against maxCases. */
  core?: boolean;
  /** An invalid request Gin's JSON binder accepts by design (CaseMeta.leniency). */
  leniency?: CaseMeta['leniency'];
}

/**
 * Keeps only candidates whose validity agrees with what they claim: an
 * 'invalid' request the schema accepts is dropped (the false positives users
 * hate most), and so is a 'valid' one it rejects (a generator bug). Then caps
 * the phase at maxCases (boundaries: 200), keeping the original order (which interleaves kinds).
 */
export function classify(
  ctx: GenerationContext,
  phase: CaseMeta['phase'],
  candidates: Candidate[],
): PhaseOutput {
  // Boundaries are deterministic and few (six per constrained field): a random-case cap would cut the limits off.
  const cap = phase === 'boundary' ? Math.max(ctx.options.maxCases, 200) : ctx.options.maxCases;
  let counted = 0;
  const cases: TestCase[] = [];
  const seen = new Set<string>();
  let dropped = 0;
  let cut = 0;
  for (const candidate of candidates) {
    if (!candidate.core && counted >= cap) {
      cut++;
      continue;
    }
    const violation = requestViolation(ctx, candidate.request);
    let expectation = candidate.byValidity ? (violation ? 'invalid' : 'valid') : candidate.expectation;
    if (expectation === 'valid' && violation) {
      dropped++;
      continue;
    }
    if ((expectation === 'invalid' || expectation === 'missing-header') && !violation) {
      dropped++;
      continue;
    }
    if (candidate.upgradeWhenInvalid && violation) expectation = 'invalid';
    const key = `${expectation}\u0000${JSON.stringify(candidate.request)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    cases.push({
      operationId: ctx.operation.id,
      phase,
      expectation,
      description: candidate.description,
      request: candidate.request,
      ...(candidate.leniency ? { leniency: candidate.leniency } : {}),
    });
    if (!candidate.core) counted++;
  }
  return { cases, dropped, cut, problems: [] };
}

/** Round-robin over lists so a cap keeps a bit of every kind. */
export function interleave<T>(lists: T[][]): T[] {
  const out: T[] = [];
  for (let i = 0; lists.some((l) => i < l.length); i++) {
    for (const list of lists) if (i < list.length) out.push(list[i]);
  }
  return out;
}
