import type { ReliabilityCase } from './case.ts';

/**
 * A spec of `count` operations `GET /r<N>/{id}` (the API of servers/many-ops.ts):
 * an integer id gets `{ id, name }`, another id 400, anything else 404.
 */
function manyOpsSpec(count: number): string {
  const paths: string[] = [];
  for (let i = 0; i < count; i++) {
    paths.push(`  /r${i}/{id}:
    get:
      operationId: getR${i}
      parameters: [{ name: id, in: path, required: true, schema: { type: integer, minimum: 1 } }]
      responses:
        '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Item' } } } }
        '400': { description: bad id, content: { application/json: { schema: { $ref: '#/components/schemas/Error' } } } }
        '404': { description: not found, content: { application/json: { schema: { $ref: '#/components/schemas/Error' } } } }`);
  }
  return `openapi: 3.0.3
info: { title: many, version: '1' }
paths:
${paths.join('\n')}
components:
  schemas:
    Item: { type: object, required: [id, name], properties: { id: { type: integer }, name: { type: string } } }
    Error: { type: object, required: [error], properties: { error: { type: string } } }
`;
}
const twoThousand = manyOpsSpec(2000);
const spec = '{repo}/specs/albums.openapi.yaml';
const bigBody = (...more: string[]) => [
  'contract',
  '--spec',
  spec,
  '--base-url',
  '{baseURL}',
  '--operations',
  'listAlbums',
  '--checks',
  'response-body-limit,response-schema',
  '--max-cases',
  '1',
  ...more,
];

/** Issue 10, item 5: big inputs stay bounded, and a big spec is tested across, not cut after its first operations. */
export const cases: ReliabilityCase[] = [
  {
    name: 'a 2,000-operation spec under the default request cap: every operation runs, the run is marked incomplete',
    args: ['contract', '--spec', '{dir}/many.yaml', '--base-url', '{baseURL}'],
    files: { 'many.yaml': twoThousand },
    server: { kind: 'hostile', name: 'many-ops' },
    exit: 1,
    message: /^Incomplete: request cap \(maxRequests 10000\) reached: \d+ cases on 2000 operations not run/,
    artifacts: {
      'reports/latest/contract.json': {
        json: {
          'operations.1999.operation': 'GET /r1999/{id}',
          'operations.2000': { exists: false },
          // every operation got cases (before the spread, operations after the 240th got none)
          'operations.*.cases': { min: 1 },
          'operations.*.findings': 0,
          cases: { min: 9_990, max: 10_004 },
          'incomplete.reason': /request cap/,
          'budget.notRun.cases': { min: 1 },
        },
      },
      'reports/latest/run.json': { json: { verdict: 'fail' } },
    },
    timeoutMs: 150_000,
  },
  {
    name: 'a 150-operation spec within its budget passes with every operation covered, its skipped probes on one line',
    args: ['contract', '--spec', '{dir}/many.yaml', '--base-url', '{baseURL}', '--max-cases', '2'],
    files: { 'many.yaml': manyOpsSpec(150) },
    server: { kind: 'hostile', name: 'many-ops' },
    exit: 0,
    message:
      /^ {2}! 600 operations: no resource created by this run to address: 1 unsafe cases skipped \(POST \/r0\/\{id\}, PUT \/r0\/\{id\}, PATCH \/r0\/\{id\} and 597 more\)$/,
    artifacts: {
      'reports/latest/contract.json': {
        json: {
          'summary.verdict': 'pass',
          'operations.149.operation': 'GET /r149/{id}',
          'operations.*.cases': { min: 2 },
          incomplete: { exists: false },
        },
      },
    },
  },
  {
    name: 'inspect lists all 2,000 operations of the big spec',
    args: ['inspect', '--spec', '{dir}/many.yaml'],
    files: { 'many.yaml': twoThousand },
    server: { kind: 'none' },
    exit: 0,
    message: /2000 operations/,
    artifacts: { reports: false },
  },
  {
    name: 'an 8 MB response body is cut at the 4 MiB default and reported as body over limit',
    args: bigBody(),
    server: { kind: 'hostile', name: 'big-body', env: { BIG_BODY_MB: '8' } },
    exit: 1,
    message: /response-body-limit/,
    artifacts: {
      'reports/latest/contract.json': {
        json: { 'summary.verdict': 'fail', 'findings.0.check': 'response-body-limit' },
        lacks:
          'Blue Train","artist":"John Coltrane","price":56.99,"createdAt":"2024-01-01T00:00:00Z"},{"id":1,"title":"Blue Train","artist":"John Coltrane","price":56.99,"createdAt":"2024-01-01T00:00:00Z"},{"id":1,"title":"Blue Train","artist":"John Coltrane","price":56.99,"createdAt":"2024-01-01T00:00:00Z"},{',
      },
    },
  },
  {
    name: 'the same 8 MB body under a raised contract.maxResponseBytes is read and judged valid (fault absent)',
    args: [...bigBody(), '--config', 'tollgate.config.ts'],
    files: {
      'tollgate.config.ts': `export default {
  // 41 bodies of 8 MB each on a shared CI machine: the subject is the size
  // limit, so a slow read must not turn into a timeout.
  contract: { maxResponseBytes: 64 * 1024 * 1024, timeoutMs: 60_000 },
};
`,
    },
    server: { kind: 'hostile', name: 'big-body', env: { BIG_BODY_MB: '8' } },
    exit: 0,
    message: /contract PASSED/,
    artifacts: { 'reports/latest/contract.json': { json: { 'summary.verdict': 'pass', findings: [] } } },
  },
];
