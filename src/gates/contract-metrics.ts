import { type ContractResult, failingFindings, severityOf } from '../run/model.ts';
import { parseGateSet } from './parse-gates.ts';
import type { GateMetrics, GateSet } from './types.ts';

/**
 * Gate values measured by a contract run, for `evaluateGates()`:
 * `contract.findings` (error findings), `contract.warnings` (warning
 * findings), `contract.violations` (distinct causes: finding groups), `coverage.neverSeen` (documented status codes never
 * returned). Load metrics (latency, rps...) are not measured here: those gates
 * come out 'unreliable' with "not measured", never passed.
 */
export function contractGateMetrics(contract: ContractResult, gates: GateSet, where = 'gates'): GateMetrics {
  const values: GateMetrics['values'] = {};
  for (const { metric } of parseGateSet(gates, where)) {
    if (metric.name === 'contract.findings') values[metric.name] = failingFindings(contract.findings).length;
    else if (metric.name === 'contract.warnings')
      values[metric.name] = contract.findings.filter((f) => severityOf(f) === 'warning').length;
    else if (metric.name === 'contract.violations') values[metric.name] = contract.groups.length;
    else if (metric.name === 'coverage.neverSeen') {
      values[metric.name] = contract.operations.reduce((sum, op) => sum + op.neverSeen.length, 0);
    } else values[metric.name] = null;
  }
  return { values };
}
