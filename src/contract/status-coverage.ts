import type { Finding, OperationCoverage } from '../run/model.ts';

/**
 * With `requireStatusCoverage`, every documented status the run never saw is
 * a finding: the spec promises a response nobody has observed.
 */
export function statusCoverageFindings(coverage: OperationCoverage[], baseURL: string): Finding[] {
  return coverage.flatMap((op) =>
    op.neverSeen.map((status) => {
      const [method, path] = op.operation.split(' ');
      return {
        check: 'status-coverage',
        operation: op.operation,
        title: `Documented status ${status} never seen`,
        expected: `Documented: ${op.documented.join(', ')}`,
        received: `Received: ${Object.keys(op.seen).join(', ') || 'nothing'} in ${op.cases} cases`,
        location: status,
        request: { method, url: `${baseURL.replace(/\/+$/, '')}${path}`, headers: {} },
        response: { status: 0, headers: {}, body: '', elapsedMs: 0 },
        curl: '',
        replayId: '',
        phase: 'coverage',
      };
    }),
  );
}
