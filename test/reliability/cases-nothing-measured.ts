import type { ReliabilityCase } from './case.ts';

const spec = '{repo}/specs/albums.openapi.yaml';
const adhoc = (...more: string[]) => ['contract', '--spec', spec, '--base-url', '{baseURL}', ...more];

const emptySpec = `openapi: 3.0.3
info: { title: empty, version: '1' }
paths: {}
`;
const webhooksOnly = `openapi: 3.1.0
info: { title: hooks, version: '1' }
webhooks:
  albumCreated:
    post:
      requestBody: { content: { application/json: { schema: { type: object } } } }
      responses: { '200': { description: ok } }
`;

/** Issue 10, item 1: a run that measured nothing (or too little) is never a pass. */
export const cases: ReliabilityCase[] = [
  {
    name: 'every request held until it times out: exit 3, no request got an answer, reports say so',
    args: adhoc('--timeout', '300', '--max-cases', '2'),
    server: { kind: 'hostile', name: 'holds-all-but-root' },
    exit: 3,
    message:
      /contract ABORTED \(no request got an answer \(\d+ timed out after 300 ms, 0 connection errors\)\)/,
    artifacts: {
      'reports/latest/contract.json': {
        json: { 'summary.verdict': 'error', 'unanswered.timeouts': { min: 12 }, 'unanswered.connection': 0 },
      },
      'reports/latest/run.json': {
        json: {
          verdict: 'error',
          'aborted.reason': /no request got an answer/,
          'contract.unanswered.timeouts': { min: 12 },
        },
      },
      'reports/latest/index.html': { contains: /requests unanswered \(\d+ timed out/ },
      'reports/latest/summary.md': { contains: /requests unanswered \(\d+ timed out/ },
      'reports/latest/junit.xml': { contains: 'contract.unanswered' },
    },
  },
  {
    name: 'a held operation under an otherwise answering API: over the unanswered budget fails with exit 1',
    args: adhoc('--timeout', '300', '--max-cases', '3', '--operations', 'getHealth,listAlbums'),
    server: { kind: 'hostile', name: 'holds-some', env: { HOLD_PATHS: '/v1/albums' } },
    exit: 1,
    message: /requests unanswered \(\d+ timed out, 0 connection errors; budget 1%\): over budget/,
    artifacts: {
      'reports/latest/contract.json': {
        json: { 'summary.verdict': 'fail', 'unanswered.timeouts': { min: 1 } },
      },
      'reports/latest/run.json': { json: { verdict: 'fail' } },
      'reports/latest/junit.xml': { contains: /contract\.unanswered[\s\S]*<failure/ },
      'reports/latest/summary.md': { contains: 'contract.unanswered' },
    },
  },
  {
    name: 'the unanswered budget is configurable: 100% lets the same held operation pass the budget gate',
    args: [
      'contract',
      '--env',
      'local',
      '--timeout',
      '300',
      '--max-cases',
      '3',
      '--operations',
      'getHealth,listAlbums',
    ],
    files: {
      'tollgate.config.ts': `export default {
  specs: { albums: '${spec}' },
  contract: { maxUnanswered: '100%' },
  environments: { local: { baseURL: '{baseURL}' } },
};
`,
    },
    server: { kind: 'hostile', name: 'holds-some', env: { HOLD_PATHS: '/v1/albums' } },
    exit: 1,
    message: /requests unanswered \(\d+ timed out, 0 connection errors; budget 100%\)$/,
    artifacts: {
      'reports/latest/run.json': {
        json: { 'gates.1.name': 'contract.unanswered', 'gates.1.verdict': 'pass', 'gates.0.verdict': 'fail' },
      },
    },
  },
  {
    name: 'a bad maxUnanswered in the config exits 2 naming the path',
    args: ['contract', '--env', 'local'],
    files: {
      'tollgate.config.ts': `export default {
  specs: { albums: '${spec}' },
  contract: { maxUnanswered: 5 },
  environments: { local: { baseURL: '{baseURL}' } },
};
`,
    },
    server: { kind: 'none' },
    exit: 2,
    message: /contract\.maxUnanswered must be a percentage like "1%"/,
    artifacts: { reports: false },
  },
  {
    name: 'the target dies mid-contract: exit 3, aborted, what was gathered is kept',
    args: adhoc('--max-cases', '25', '--timeout', '2000'),
    env: { TOLLGATE_TOKEN: '{token}' },
    server: { kind: 'hostile', name: 'holds-some', env: { DIE_AFTER_REQUESTS: '40' } },
    exit: 3,
    message: /contract ABORTED \(target stopped answering/,
    artifacts: {
      'reports/latest/contract.json': {
        json: { 'summary.verdict': 'error', 'unanswered.connection': { min: 1 } },
      },
      'reports/latest/run.json': { json: { verdict: 'error', 'aborted.reason': /target stopped answering/ } },
    },
  },
  {
    name: 'a spec with zero operations exits 2 with one line, before any request',
    args: ['contract', '--spec', '{dir}/empty.yaml', '--base-url', '{baseURL}'],
    files: { 'empty.yaml': emptySpec },
    server: { kind: 'hostile', name: 'holds-some' },
    exit: 2,
    message: /TG_NOTHING_TO_TEST: .*empty\.yaml has no operations under "paths": nothing to test/,
    artifacts: { reports: false, 'server.log': { lacks: /POST|GET \/v1/ } },
  },
  {
    name: 'a webhooks-only 3.1 spec exits 2 naming its webhooks',
    args: ['contract', '--spec', '{dir}/hooks.yaml', '--base-url', '{baseURL}'],
    files: { 'hooks.yaml': webhooksOnly },
    server: { kind: 'albums' },
    exit: 2,
    message:
      /TG_NOTHING_TO_TEST: .*hooks\.yaml has no operations under "paths" \(only webhooks: albumCreated;/,
    artifacts: { reports: false },
  },
  {
    name: '--operations with a typo exits 2 naming the closest operation',
    args: adhoc('--operations', 'getAlbun'),
    server: { kind: 'albums' },
    exit: 2,
    message: /TG_NOTHING_TO_TEST: --operations: no operation "getAlbun" in .* \(closest: getAlbum/,
    artifacts: { reports: false },
  },
  {
    name: '--operations with one good and one unknown name still exits 2 (nothing is dropped silently)',
    args: adhoc('--operations', 'getAlbum,nopeNope'),
    server: { kind: 'albums' },
    exit: 2,
    message: /--operations: no operation "nopeNope" .*\(known: /,
    artifacts: { reports: false },
  },
  {
    name: '--tags with a typo exits 2 naming the closest tag',
    args: adhoc('--tags', 'albumz'),
    server: { kind: 'albums' },
    exit: 2,
    message: /TG_NOTHING_TO_TEST: --tags: no operation has tag "albumz" in .* \(closest: albums/,
    artifacts: { reports: false },
  },
  {
    name: '--operations naming only writes in a readOnly environment exits 2: nothing safe to test',
    args: ['contract', '--env', 'production', '--operations', 'createAlbum'],
    files: {
      'tollgate.config.ts': `export default {
  specs: { albums: '${spec}' },
  environments: { production: { baseURL: '{baseURL}', readOnly: true } },
};
`,
    },
    server: { kind: 'albums' },
    exit: 2,
    message: /match no safe \(GET, HEAD, OPTIONS\) operation of this readOnly environment/,
    artifacts: { reports: false, 'server.log': { lacks: 'POST' } },
  },
  {
    name: 'inside gate, a held API makes the contract stage an error and the gate exits 3',
    args: ['gate', '--env', 'local'],
    files: {
      'tollgate.config.ts': `export default {
  specs: { albums: '${spec}' },
  contract: { timeoutMs: 300, maxCases: 2 },
  environments: { local: { baseURL: '{baseURL}', stages: ['contract'] } },
};
`,
    },
    server: { kind: 'hostile', name: 'holds-all-but-root' },
    exit: 3,
    message: /no request got an answer/,
    artifacts: {
      'reports/latest/run.json': { json: { verdict: 'error', 'stages.0.verdict': 'error' } },
      'reports/latest/contract.json': { json: { 'unanswered.timeouts': { min: 12 } } },
    },
  },
];
