import { planOperation } from '../cases/plan-cases.ts';
import { schemaExamples } from '../cases/schema-view.ts';
import type { IsValid, TestCase } from '../cases/types.ts';
import { TollgateError } from '../errors/tollgate-error.ts';
import { schemaValidatorFor } from '../schema/create-schema-validator.ts';
import type { LoadedSpec, Operation, Parameter } from '../spec/types.ts';
import { unsafeReadReason } from '../traffic/read-mix.ts';

/** One request of a probe cycle: an operation and its spec-examples case. */
export interface SmokeProbe {
  operation: Operation;
  testCase: TestCase;
}

export interface SmokePlan {
  probes: SmokeProbe[];
  /** Safe operations left out, each with why (a required parameter without an example, the cap). */
  skipped: { operation: string; reason: string }[];
}

const safeMethods = new Set(['get', 'head']);

/**
 * What the monitor sends every cycle: for each GET and HEAD operation whose
 * required parameters all have a spec example (never a logout or a GET named
 * as a command, `/api/freshCasbin`, unless `only` names it: src/traffic's rule), the examples phase's own case
 * (nothing generated, nothing written), at most `maxRequests` of them. With
 * `only` (the config's `monitor.operations`), just those, and each must be
 * one the monitor can probe: a name that is not is TG_CONFIG_INVALID (exit 2).
 */
export function planSmoke(
  spec: LoadedSpec,
  maxRequests: number,
  only?: { names: string[]; where: string },
): SmokePlan {
  const validator = schemaValidatorFor(spec);
  const isValid: IsValid = (schema, value) => validator.validate(schema, value, 'request').valid;
  const plan: SmokePlan = { probes: [], skipped: [] };
  const chosen = only ? pick(spec, only) : spec.operations.filter((op) => safeMethods.has(op.method));
  for (const operation of chosen) {
    const unsafe = only ? undefined : unsafeReadReason(operation);
    if (unsafe) {
      plan.skipped.push({ operation: operation.key, reason: unsafe });
      continue;
    }
    const missing = operation.parameters.filter((p) => p.required && !hasExample(p));
    if (missing.length) {
      plan.skipped.push({
        operation: operation.key,
        reason: `no example for required ${missing.map((p) => `${p.in} parameter ${p.name}`).join(', ')}`,
      });
      continue;
    }
    const cases = planOperation(spec, operation, { seed: 1, maxCases: 1, readOnly: true }, isValid).cases;
    const example = cases.find((c) => c.phase === 'examples' && c.expectation === 'valid');
    if (!example)
      plan.skipped.push({ operation: operation.key, reason: 'no valid request from its examples' });
    else if (plan.probes.length >= maxRequests)
      plan.skipped.push({ operation: operation.key, reason: `over --max-requests ${maxRequests}` });
    else plan.probes.push({ operation, testCase: example });
  }
  if (only && plan.skipped.length > 0) {
    const [first] = plan.skipped;
    throw new TollgateError(
      'TG_CONFIG_INVALID',
      `${only.where}: ${first.operation} cannot be probed: ${first.reason}`,
      { hint: 'add the examples, or drop it from the list' },
    );
  }
  return plan;
}

/** The named operations, in the config's order; an unknown name or a method that writes is an error. */
function pick(spec: LoadedSpec, only: { names: string[]; where: string }): Operation[] {
  return only.names.map((name, i) => {
    const key = name.trim().replace(/^(\w+)\s+/, (_, m: string) => `${m.toUpperCase()} `);
    const operation = spec.operations.find((op) => op.id === name || op.key === key);
    if (!operation)
      throw new TollgateError(
        'TG_CONFIG_INVALID',
        `${only.where}[${i}]: no operation "${name}" in ${spec.source} (an operationId or 'GET /path')`,
      );
    if (!safeMethods.has(operation.method))
      throw new TollgateError(
        'TG_CONFIG_INVALID',
        `${only.where}[${i}]: ${operation.key} is not a GET or HEAD: the monitor only reads`,
      );
    return operation;
  });
}

function hasExample(p: Parameter): boolean {
  return p.example !== undefined || Boolean(p.examples?.length) || schemaExamples(p.schema).length > 0;
}
