import type { CaseMeta } from '../checks/types.ts';
import type { LoadedSpec, Operation } from '../spec/types.ts';
import { authCases } from './auth.ts';
import { boundaryCandidates } from './boundaries.ts';
import { type Candidate, classify } from './classify.ts';
import { reachesOtherRoute } from './empty-segment.ts';
import { exampleCandidates } from './examples.ts';
import { undeclaredMethodCases } from './methods.ts';
import { negativeCandidates } from './negative.ts';
import { keepOwnWrites } from './own-resources.ts';
import { positiveCandidates } from './positive.ts';
import { GenerationProblem } from './schema-view.ts';
import type { GenerationContext, IsValid, PlanOptions, TestCase } from './types.ts';

/**
 * Every case for a spec, phase by phase, deterministic for a seed. Nothing is
 * given up silently: an operation with no valid request lands in
 * `generationProblems` with the reason, and cases dropped because their
 * validity disagreed with their claim are counted. Writes that would address
 * a resource the run did not create are skipped and reported once per
 * operation (own-resources.ts).
 */
export interface CasePlan {
  cases: TestCase[];
  /** Cases dropped because a "negative" was valid or a "valid" one was not. */
  dropped: number;
  /** Generated cases maxCases left out, and the operations they belong to. */
  cut: { cases: number; operations: string[] };
  generationProblems: { operation: string; reason: string }[];
}

export interface PlanFilter {
  /** Operation ids or keys (`GET /v1/albums`); empty means all. */
  operations?: string[];
  tags?: string[];
  /** Operations never sent (exclusions, session-ending operations). */
  skip?: (operation: Operation) => boolean;
}

const safeMethods = new Set(['get', 'head', 'options']);
type Phase = CaseMeta['phase'];
const generators: [Phase, (ctx: GenerationContext, problems: string[]) => Candidate[]][] = [
  ['examples', exampleCandidates],
  ['positive', positiveCandidates],
  ['boundary', boundaryCandidates],
  ['negative', negativeCandidates],
];

export function selectOperations(spec: LoadedSpec, filter: PlanFilter = {}, readOnly = false): Operation[] {
  return spec.operations.filter((op) => {
    if (readOnly && !safeMethods.has(op.method)) return false;
    if (filter.skip?.(op)) return false;
    if (filter.operations?.length && !filter.operations.some((name) => name === op.id || name === op.key))
      return false;
    if (filter.tags?.length && !op.tags.some((tag) => filter.tags?.includes(tag))) return false;
    return true;
  });
}

export function planOperation(
  spec: LoadedSpec,
  operation: Operation,
  options: PlanOptions,
  isValid: IsValid,
): CasePlan {
  const ctx: GenerationContext = { spec, operation, options, isValid };
  const plan: CasePlan = { cases: [], dropped: 0, cut: { cases: 0, operations: [] }, generationProblems: [] };
  const problems: string[] = [];
  for (const [phase, generate] of generators) {
    try {
      const output = classify(ctx, phase, generate(ctx, problems));
      plan.cases.push(...output.cases);
      plan.dropped += output.dropped;
      plan.cut.cases += output.cut ?? 0;
      if (phase === 'positive' && output.cases.length === 0)
        problems.push('every generated valid request failed validation');
    } catch (error) {
      if (!(error instanceof GenerationProblem)) throw error;
      problems.push(`${phase}: ${error.message}`);
    }
  }
  try {
    plan.cases.push(...authCases(ctx));
  } catch (error) {
    if (!(error instanceof GenerationProblem)) throw error;
  }
  if (plan.cut.cases > 0) plan.cut.operations.push(operation.key);
  const own = keepOwnWrites(spec, operation, plan.cases, options.bindings, isValid);
  plan.cases = own.cases.filter((c) => !reachesOtherRoute(spec, operation, c));
  if (own.reason) problems.push(own.reason);
  for (const reason of new Set(problems)) plan.generationProblems.push({ operation: operation.key, reason });
  return plan;
}

export function planCases(
  spec: LoadedSpec,
  options: PlanOptions,
  isValid: IsValid,
  filter: PlanFilter = {},
): CasePlan {
  const operations = selectOperations(spec, filter, options.readOnly);
  const plan: CasePlan = { cases: [], dropped: 0, cut: { cases: 0, operations: [] }, generationProblems: [] };
  for (const operation of operations) {
    const one = planOperation(spec, operation, options, isValid);
    plan.cases.push(...one.cases);
    plan.dropped += one.dropped;
    plan.cut.cases += one.cut.cases;
    plan.cut.operations.push(...one.cut.operations);
    plan.generationProblems.push(...one.generationProblems);
  }
  const included = new Set(operations.map((op) => op.id));
  const byId = new Map(spec.operations.map((op) => [op.id, op]));
  const byTarget = new Map<string, TestCase[]>();
  for (const testCase of undeclaredMethodCases(spec, options, (op) => included.has(op.id))) {
    const target = `${testCase.request.method} ${byId.get(testCase.operationId)?.path}`;
    byTarget.set(target, [...(byTarget.get(target) ?? []), testCase]);
  }
  for (const [target, cases] of byTarget) {
    const operation = byId.get(cases[0].operationId) as Operation;
    const own = keepOwnWrites(spec, operation, cases, options.bindings, isValid);
    plan.cases.push(...own.cases);
    if (own.reason) plan.generationProblems.push({ operation: target, reason: own.reason });
  }
  return plan;
}
