import type { ReliabilityCase } from './case.ts';

const spec = '{repo}/specs/albums.openapi.yaml';

/** The ordinary paths every other case is measured against: a clean API passes, a dead one is unreachable. */
export const cases: ReliabilityCase[] = [
  {
    name: 'contract against the clean reference API passes and writes every report',
    // Ad hoc sends only what the command line says (issue 8 item 10): the token goes in a header.
    args: [
      'contract',
      '--spec',
      spec,
      '--base-url',
      '{baseURL}',
      '--max-cases',
      '3',
      '-H',
      'Authorization: Bearer {token}',
    ],
    server: { kind: 'albums' },
    exit: 0,
    message: /contract PASSED/,
    artifacts: {
      'reports/latest/contract.json': { json: { 'summary.verdict': 'pass' } },
      'reports/latest/run.json': { json: { verdict: 'pass' } },
      'reports/latest/index.html': true,
      'reports/latest/junit.xml': true,
      'reports/latest/summary.md': true,
    },
  },
  {
    name: 'contract against a port nobody listens on exits 3 and writes nothing',
    args: ['contract', '--spec', spec, '--base-url', '{baseURL}'],
    server: { kind: 'none' },
    exit: 3,
    message: /TG_UNREACHABLE: cannot reach http:\/\/127\.0\.0\.1:\d+/,
    artifacts: { reports: false },
  },
  {
    name: 'a faulty reference API fails the contract run with exit 1',
    args: [
      'contract',
      '--spec',
      spec,
      '--base-url',
      '{baseURL}',
      '--max-cases',
      '3',
      '--operations',
      'getAlbum',
      '-H',
      'Authorization: Bearer {token}',
    ],
    server: { kind: 'albums', faults: ['wrong-type'] },
    exit: 1,
    message: /response-schema/,
    artifacts: { 'reports/latest/contract.json': { json: { 'summary.verdict': 'fail' } } },
  },
];
