import type { ReliabilityCase } from './case.ts';

const spec = '{repo}/specs/albums.openapi.yaml';

/** A gate that a clean API always holds (a profile with no gates is "not judged", never a pass). */
export const lenient = "{ 'errors.rate': '<50%' }";

/** A plain-object open-model profile of GETs (no import needed in a case folder). */
export function readProfile(rate: number, duration: string, gates?: string): string {
  return `export default {
  model: 'open',
  timeoutMs: 1000,
  stages: [{ kind: 'steady', duration: '${duration}', rate: ${rate} }],
  requests: [
    { weight: 3, path: '/v1/albums/{id}', method: 'get', params: { path: { id: 1 } } },
    { weight: 1, path: '/v1/albums', method: 'get' },
  ],
${gates ? `  gates: { local: ${gates}, adhoc: ${gates}, production: ${gates} },\n` : ''}};
`;
}

/** Issue 10, item 1: a target killed mid-load is never a pass, ad hoc or inside gate. */
export const cases: ReliabilityCase[] = [
  {
    name: 'ad hoc load against the clean reference API passes and writes load.json',
    args: ['load', 'p.ts', '--spec', spec, '--base-url', '{baseURL}'],
    // a low rate and a generator-independent gate, so a busy machine does not decide this case
    files: { 'p.ts': readProfile(20, '2s', lenient) },
    server: { kind: 'albums' },
    exit: 0,
    message: /wrote reports\/.*load\.json/,
    artifacts: {
      'reports/latest/load.json': { json: { verdict: 'pass', aborted: { exists: false } } },
      'reports/latest/run.json': { json: { verdict: 'pass' } },
    },
  },
  {
    name: 'ad hoc load whose target is killed mid-load: exit 3, aborted, partial load.json written',
    args: ['load', 'p.ts', '--spec', spec, '--base-url', '{baseURL}'],
    files: { 'p.ts': readProfile(50, '8s') },
    server: { kind: 'hostile', name: 'holds-some', env: { DIE_AFTER_REQUESTS: '60' } },
    exit: 3,
    message: /ABORTED: target stopped answering: \d+ connection errors and no answer for 2s/,
    artifacts: {
      'reports/latest/load.json': {
        json: {
          verdict: 'error',
          'aborted.reason': /target stopped answering/,
          'totals.requests': { min: 1 },
          'totals.errors.connection': { min: 1 },
        },
      },
      'reports/latest/run.json': { json: { verdict: 'error', 'aborted.reason': /target stopped answering/ } },
    },
  },
  {
    name: 'inside gate, a target killed mid-load fails the load stage, keeps load.json and marks the run aborted',
    args: ['gate', '--env', 'local'],
    files: {
      'tollgate.config.ts': `export default {
  specs: { albums: '${spec}' },
  environments: { local: { baseURL: '{baseURL}', stages: [{ load: 'p' }, 'contract'] } },
};
`,
      'load/p.ts': readProfile(50, '8s'),
    },
    server: { kind: 'hostile', name: 'holds-some', env: { DIE_AFTER_REQUESTS: '60' } },
    exit: 3,
    message: /target stopped answering/,
    artifacts: {
      'reports/latest/load.json': { json: { 'aborted.reason': /target stopped answering/ } },
      'reports/latest/run.json': {
        json: {
          verdict: 'error',
          'aborted.reason': /target stopped answering/,
          'stages.0.verdict': 'error',
          'stages.1.verdict': 'skipped',
        },
      },
      'reports/latest/junit.xml': true,
    },
  },
  {
    name: 'load against a port nobody listens on exits 3 before any load',
    args: ['load', 'p.ts', '--spec', spec, '--base-url', '{baseURL}'],
    files: { 'p.ts': readProfile(20, '1s') },
    server: { kind: 'none' },
    exit: 3,
    message: /TG_UNREACHABLE/,
    artifacts: { reports: false },
  },
];
