import type { ReliabilityCase } from './case.ts';
import { lenient, readProfile } from './cases-load.ts';

const spec = '{repo}/specs/albums.openapi.yaml';
const adhoc = (profile: string) => ['load', profile, '--spec', spec, '--base-url', '{baseURL}'];
// A gate that never looks at statuses (and whose pass stands when the generator only lagged).
const statusBlind = "{ 'errors.timeouts': '==0' }";

/** A profile whose one request expects the given statuses (`expect`), gated on latency only. */
const expecting = (statuses: string) => `export default {
  model: 'open',
  timeoutMs: 1000,
  stages: [{ kind: 'steady', duration: '2s', rate: 10 }],
  requests: [{ path: '/v1/albums', method: 'get', expect: ${statuses} }],
  gates: { adhoc: { 'errors.rate': '<1%' } },
};
`;

/** Issue 10, item 1: a load run that judged nothing, or measured only answers nobody wanted, is never a pass. */
export const cases: ReliabilityCase[] = [
  {
    name: 'ad hoc load with a profile that has no gates is "not judged": exit 1, every report says so',
    args: adhoc('p.ts'),
    files: { 'p.ts': readProfile(10, '1s') },
    server: { kind: 'albums' },
    exit: 1,
    message:
      /FAIL +gates defined for "adhoc" .*not judged: profile "p" \(p\.ts\) has no gates for environment "adhoc"/,
    artifacts: {
      'reports/latest/load.json': {
        json: { verdict: 'fail', 'gates.0.name': 'gates', 'totals.requests': { min: 1 } },
      },
      'reports/latest/run.json': { json: { verdict: 'fail', 'gates.0.note': /^not judged: / } },
      'reports/latest/index.html': { contains: 'not judged: profile' },
      'reports/latest/junit.xml': { contains: /<failure[^>]*gates: expected defined for &quot;adhoc&quot;/ },
      'reports/latest/summary.md': { contains: 'not judged: profile' },
    },
  },
  {
    name: 'inside gate, a load stage whose profile has no gates for the environment fails the stage',
    args: ['gate', '--env', 'staging'],
    files: {
      'tollgate.config.ts': `export default {
  specs: { albums: '${spec}' },
  environments: { staging: { baseURL: '{baseURL}', stages: [{ load: 'p' }] } },
};
`,
      // gates for local only: staging has none
      'load/p.ts': readProfile(10, '1s')
        .replace('gates: {', 'gates: {')
        .replace(/\n};\n$/, `\n  gates: { local: ${lenient} },\n};\n`),
    },
    server: { kind: 'albums' },
    exit: 1,
    message: /load:p: .*not judged: no gates for this environment/,
    artifacts: {
      'reports/latest/run.json': {
        json: {
          verdict: 'fail',
          'stages.0.verdict': 'fail',
          'gates.0.name': 'gates',
          'gates.0.threshold': 'defined for "staging"',
        },
      },
      'reports/latest/load.json': true,
    },
  },
  {
    name: 'ad hoc load judged by the profile\'s local gates is judged, not "not judged" (fault absent)',
    args: adhoc('p.ts'),
    files: { 'p.ts': readProfile(10, '1s').replace(/\n};\n$/, `\n  gates: { local: ${lenient} },\n};\n`) },
    server: { kind: 'albums' },
    exit: 0,
    message: /judged by the profile's "local" gates/,
    artifacts: {
      'reports/latest/load.json': {
        json: { verdict: 'pass', 'gates.0.name': 'errors.rate', 'gates.1': { exists: false } },
      },
    },
  },
  {
    name: 'every answer a 302 under a gate blind to statuses: exit 1, no answer had an expected status',
    args: adhoc('p.ts'),
    files: { 'p.ts': readProfile(10, '2s', statusBlind) },
    server: { kind: 'hostile', name: 'redirects' },
    exit: 1,
    message:
      /FAIL +answers\.expected >0 \(measured 0 of \d+\) — no answer had an expected status \(got 302×\d+/,
    artifacts: {
      'reports/latest/load.json': {
        json: {
          verdict: 'fail',
          'gates.0.verdict': 'pass',
          'gates.1.name': 'answers.expected',
          'totals.errors.rate': 1,
        },
      },
      'reports/latest/run.json': { json: { verdict: 'fail' } },
      'reports/latest/junit.xml': { contains: 'answers.expected' },
      'reports/latest/summary.md': { contains: 'no answer had an expected status' },
    },
  },
  {
    name: 'every answer a 404 (a profile aimed at ids that do not exist) fails the same way',
    args: adhoc('p.ts'),
    files: {
      'p.ts': readProfile(10, '2s', statusBlind)
        .replace(/id: 1 \}/, 'id: 987654 }')
        .replace(/\n {4}\{ weight: 1, path: '\/v1\/albums', method: 'get' \},/, ''),
    },
    env: { TOLLGATE_TOKEN: '{token}' },
    server: { kind: 'albums' },
    exit: 1,
    message: /no answer had an expected status \(got 404×\d+/,
    artifacts: {
      'reports/latest/load.json': { json: { verdict: 'fail', 'totals.statusCodes.404': { min: 5 } } },
    },
  },
  {
    name: 'some answers 302: they count as HTTP errors, so an errors.rate gate fails',
    args: adhoc('p.ts'),
    files: { 'p.ts': readProfile(20, '2s', "{ 'errors.rate': '<1%' }") },
    // getAlbum (weight 3) redirects, listAlbums answers 200
    server: { kind: 'hostile', name: 'redirects', env: { REDIRECT_PATHS: '/v1/albums/' } },
    exit: 1,
    message: /FAIL +errors\.rate <1% \(measured (6\d|7\d|8\d)(\.\d+)?%\)/,
    artifacts: {
      'reports/latest/load.json': {
        json: {
          verdict: 'fail',
          'totals.statusCodes.200': { min: 1 },
          'totals.errors.http': { min: 5 },
          'gates.1': { exists: false },
        },
      },
    },
  },
  {
    name: 'a profile that expects its 302s (expect: [302]) passes against the redirecting server (fault absent)',
    args: adhoc('p.ts'),
    files: { 'p.ts': expecting('[302]') },
    server: { kind: 'hostile', name: 'redirects' },
    exit: 0,
    message: /listAlbums .* 302×\d+/,
    artifacts: {
      'reports/latest/load.json': {
        json: { verdict: 'pass', 'totals.errors.http': 0, 'gates.1': { exists: false } },
      },
      'server.log': { lacks: '/followed' },
    },
  },
  {
    name: 'a profile that expects 302 gets 200s instead: those are the unexpected ones',
    args: adhoc('p.ts'),
    files: { 'p.ts': expecting('[302]') },
    server: { kind: 'hostile', name: 'holds-some' },
    exit: 1,
    message: /no answer had an expected status \(got 200×\d+/,
    artifacts: {
      'reports/latest/load.json': { json: { verdict: 'fail', 'totals.errors.http': { min: 5 } } },
    },
  },
  {
    name: 'a bad expect list exits 2 naming the path',
    args: adhoc('p.ts'),
    files: { 'p.ts': expecting("['302']") },
    server: { kind: 'albums' },
    exit: 2,
    message:
      /TG_PROFILE_INVALID: p\.ts: requests\[0\]\.expect must be a non-empty list of HTTP statuses like \[200, 302\], got \["302"\]/,
    artifacts: { reports: false },
  },
];
