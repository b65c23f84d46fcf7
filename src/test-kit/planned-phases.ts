import { planOperation } from '../cases/plan-cases.ts';
import type { Finding } from '../run/model.ts';
import { schemaValidatorFor } from '../schema/create-schema-validator.ts';
import type { LoadedSpec, Operation } from '../spec/types.ts';

export type Phase = Finding['phase'];

/**
 * The phases each operation has cases in, from the same planner the engine
 * uses: what a test runner lists as one test per operation and phase before
 * any request is sent.
 */
export function plannedPhases(spec: LoadedSpec): Map<Operation, Phase[]> {
  const validator = schemaValidatorFor(spec);
  const isValid = (schema: Record<string, unknown>, value: unknown) =>
    validator.validate(schema, value, 'request').valid;
  const firstOnPath = new Set(
    spec.operations.filter((op, i, all) => all.findIndex((o) => o.path === op.path) === i),
  );
  const result = new Map<Operation, Phase[]>();
  for (const operation of spec.operations) {
    const plan = planOperation(spec, operation, { seed: 1, maxCases: 5 }, isValid);
    const phases = new Set<Phase>(plan.cases.map((c) => c.phase));
    if (firstOnPath.has(operation)) phases.add('methods');
    phases.add('stateful');
    result.set(operation, [...phases]);
  }
  return result;
}
