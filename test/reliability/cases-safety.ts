import type { ReliabilityCase } from './case.ts';
import { lenient, readProfile } from './cases-load.ts';

const spec = '{repo}/specs/albums.openapi.yaml';

const writesProfile = `export default {
  model: 'open',
  stages: [{ kind: 'steady', duration: '2s', rate: 10 }],
  requests: [
    { path: '/v1/albums/{id}', method: 'get', params: { path: { id: 1 } } },
    { path: '/v1/albums', method: 'post', body: { title: 't', artist: 'a', price: 1, year: 2000 } },
    { path: '/v1/albums/{id}', method: 'delete', params: { path: { id: 1 } } },
  ],
};
`;
const sequenceWithWrite = `export default {
  model: 'open',
  stages: [{ kind: 'steady', duration: '2s', rate: 10 }],
  requests: [
    { name: 'browse-and-buy', steps: [
      { path: '/v1/albums', method: 'get' },
      { path: '/v1/albums/{id}', method: 'patch', params: { path: { id: 1 } }, body: { price: 2 } },
    ] },
  ],
};
`;
const twoSteps = (rate: number) => `export default {
  model: 'open',
  timeoutMs: 1000,
  gates: { production: ${lenient} },
  stages: [{ kind: 'steady', duration: '4s', rate: ${rate} }],
  requests: [
    { name: 'list-then-get', steps: [
      { path: '/v1/albums', method: 'get' },
      { path: '/v1/albums/{id}', method: 'get', params: { path: { id: 1 } } },
    ] },
  ],
};
`;
const closedProfile = `export default {
  model: 'closed', connections: 2, duration: '1s',
  requests: [{ path: '/v1/albums', method: 'get' }],
};
`;

/** A config whose `production` is readOnly and capped; `extra` goes inside the environment. */
function production(baseURL: string, extra = ''): string {
  return `export default {
  specs: { albums: '${spec}' },
  environments: {
    production: { baseURL: '${baseURL}', readOnly: true, allowLoad: true, maxRate: 10, maxDurationSec: 10, ${extra} },
  },
};
`;
}
const writeMethods = /\b(POST|PUT|PATCH|DELETE)\b/;

/** Issue 10, item 2: no flag or profile loosens an environment's safety settings. */
export const cases: ReliabilityCase[] = [
  {
    name: 'readOnly + allowLoad: a profile with writes is refused naming the requests, nothing sent',
    args: ['load', 'w.ts', '--env', 'production'],
    files: { 'tollgate.config.ts': production('{baseURL}'), 'w.ts': writesProfile },
    server: { kind: 'albums' },
    exit: 2,
    message:
      /TG_UNSAFE_TARGET: environment "production" is readOnly: w\.ts sends POST \/v1\/albums, DELETE \/v1\/albums\/\{id\}; a readOnly load sends only GET, HEAD and OPTIONS/,
    artifacts: { reports: false, 'server.log': { lacks: [writeMethods, /GET\s+"\/v1/] } },
  },
  {
    name: 'readOnly + allowLoad: a sequence with a PATCH step is refused too',
    args: ['load', 's.ts', '--env', 'production'],
    files: { 'tollgate.config.ts': production('{baseURL}'), 's.ts': sequenceWithWrite },
    server: { kind: 'albums' },
    exit: 2,
    message: /is readOnly: s\.ts sends PATCH \/v1\/albums\/\{id\}/,
    artifacts: { reports: false, 'server.log': { lacks: writeMethods } },
  },
  {
    name: 'readOnly + allowLoad: a read-only profile runs and sends safe methods only',
    args: ['load', 'r.ts', '--env', 'production'],
    files: { 'tollgate.config.ts': production('{baseURL}'), 'r.ts': readProfile(5, '2s', lenient) },
    server: { kind: 'albums' },
    exit: 0,
    message: /wrote reports\/.*load\.json/,
    artifacts: {
      'reports/latest/load.json': { json: { verdict: 'pass' } },
      'server.log': { contains: /GET\s+"\/v1\/albums/, lacks: writeMethods },
    },
  },
  {
    name: 'readOnly without allowLoad refuses any load',
    args: ['load', 'r.ts', '--env', 'production'],
    files: {
      'tollgate.config.ts': production('{baseURL}').replace('allowLoad: true', 'allowLoad: false'),
      'r.ts': readProfile(5, '1s'),
    },
    server: { kind: 'albums' },
    exit: 2,
    message: /environment "production" is readOnly: load is refused/,
    artifacts: { reports: false },
  },
  {
    name: 'a closed-model profile under a rate cap is refused',
    args: ['load', 'c.ts', '--env', 'production'],
    files: { 'tollgate.config.ts': production('{baseURL}'), 'c.ts': closedProfile },
    server: { kind: 'albums' },
    exit: 2,
    message: /caps load at 10 rps, which a closed-model profile \(c\.ts\) cannot respect/,
    artifacts: { reports: false },
  },
  {
    name: '--env production --base-url to another host is refused before the first request',
    args: ['contract', '--env', 'production', '--base-url', '{baseURL}'],
    files: { 'tollgate.config.ts': production('http://127.0.0.1:9') },
    server: { kind: 'hostile', name: 'holds-some' },
    exit: 2,
    message:
      /TG_UNSAFE_TARGET: --base-url http:\/\/127\.0\.0\.1:\d+ is not environment "production"'s host \(allowed: http:\/\/127\.0\.0\.1:9\)/,
    artifacts: { reports: false, 'server.log': { lacks: /GET|POST/ } },
  },
  {
    name: '--env production --base-url to another port of the same host is refused (port is part of the host)',
    args: ['load', 'r.ts', '--env', 'production', '--base-url', '{baseURL}'],
    files: { 'tollgate.config.ts': production('http://{host}:9'), 'r.ts': readProfile(5, '1s') },
    server: { kind: 'hostile', name: 'holds-some' },
    exit: 2,
    message: /--base-url http:\/\/127\.0\.0\.1:\d+ is not environment "production"'s host/,
    artifacts: { reports: false, 'server.log': { lacks: /GET|POST/ } },
  },
  {
    name: '--env staging (not readOnly) --base-url to another host is refused as well',
    args: ['contract', '--env', 'staging', '--base-url', '{baseURL}'],
    files: {
      'tollgate.config.ts': `export default {
  specs: { albums: '${spec}' },
  environments: { staging: { baseURL: 'http://127.0.0.1:9' } },
};
`,
    },
    server: { kind: 'hostile', name: 'holds-some' },
    exit: 2,
    message: /--base-url http:\/\/127\.0\.0\.1:\d+ is not environment "staging"'s host/,
    artifacts: { reports: false },
  },
  {
    name: '--env production --base-url to its own host keeps readOnly: the contract sends no writes',
    args: ['contract', '--env', 'production', '--base-url', '{baseURL}/', '--max-cases', '3'],
    files: { 'tollgate.config.ts': production('{baseURL}') },
    server: { kind: 'albums' },
    exit: 0,
    message: /contract PASSED/,
    artifacts: {
      'reports/latest/run.json': { json: { env: 'production', verdict: 'pass' } },
      'server.log': { contains: /GET\s+"\/v1\/albums/, lacks: writeMethods },
    },
  },
  {
    name: '--env production --base-url to an allowedHosts origin keeps readOnly: a writes profile is still refused',
    args: ['load', 'w.ts', '--env', 'production', '--base-url', '{baseURL}'],
    files: {
      'tollgate.config.ts': production('http://127.0.0.1:9', "allowedHosts: ['{baseURL}']"),
      'w.ts': writesProfile,
    },
    server: { kind: 'albums' },
    exit: 2,
    message: /environment "production" is readOnly: w\.ts sends POST \/v1\/albums/,
    artifacts: { reports: false, 'server.log': { lacks: writeMethods } },
  },
  {
    name: '--env production --base-url to an allowedHosts origin runs capped safe load',
    args: ['load', 'r.ts', '--env', 'production', '--base-url', '{baseURL}', '--rate', '1000'],
    files: {
      'tollgate.config.ts': production('http://127.0.0.1:9', "allowedHosts: ['{baseURL}']"),
      'r.ts': readProfile(5, '3s', lenient),
    },
    server: { kind: 'albums' },
    exit: 0,
    message: /note: rate capped at 10 rps by environments\.production\.maxRate/,
    artifacts: {
      'reports/latest/load.json': { json: { 'totals.rps': { max: 11 }, 'totals.requests': { min: 1 } } },
      'server.log': { lacks: writeMethods },
    },
  },
  {
    name: '--env production --base-url without the environment variable its URL needs is refused, not ad hoc',
    args: ['contract', '--env', 'production', '--base-url', '{baseURL}'],
    files: {
      'tollgate.config.ts': `export default {
  specs: { albums: '${spec}' },
  environments: { production: { baseURL: { env: 'RELIABILITY_UNSET_URL' }, readOnly: true } },
};
`,
    },
    server: { kind: 'albums' },
    exit: 2,
    message: /RELIABILITY_UNSET_URL/,
    artifacts: { reports: false, 'server.log': { lacks: writeMethods } },
  },
  {
    name: 'a bad allowedHosts entry exits 2 naming the path',
    args: ['contract', '--env', 'production'],
    files: { 'tollgate.config.ts': production('{baseURL}', "allowedHosts: ['canary.example.com']") },
    server: { kind: 'none' },
    exit: 2,
    message: /environments\.production\.allowedHosts\[0\] must be an http\(s\) origin/,
    artifacts: { reports: false },
  },
  {
    name: 'maxRate holds for a two-step scenario: arrivals are capped at maxRate / steps',
    args: ['load', 'seq.ts', '--env', 'production'],
    files: { 'tollgate.config.ts': production('{baseURL}'), 'seq.ts': twoSteps(20) },
    server: { kind: 'albums' },
    exit: 0,
    message:
      /note: rate capped at 10 rps by environments\.production\.maxRate \(profile peak 20 arrivals x 2 steps\)/,
    artifacts: {
      'reports/latest/load.json': { json: { 'totals.rps': { max: 11 }, 'totals.requests': { min: 10 } } },
    },
  },
  {
    name: 'maxRate holds for --rate far above it',
    args: ['load', 'r.ts', '--env', 'production', '--rate', '500'],
    files: { 'tollgate.config.ts': production('{baseURL}'), 'r.ts': readProfile(5, '3s', lenient) },
    server: { kind: 'albums' },
    exit: 0,
    message: /note: rate capped at 10 rps by environments\.production\.maxRate \(profile peak 500\)/,
    artifacts: { 'reports/latest/load.json': { json: { 'totals.rps': { max: 11 } } } },
  },
  {
    name: 'load does not follow redirects: a 302 to another path is counted, never fetched',
    args: ['load', 'r.ts', '--spec', spec, '--base-url', '{baseURL}'],
    files: { 'r.ts': readProfile(10, '2s', lenient) },
    server: { kind: 'hostile', name: 'redirects' },
    // every answer a 302 the profile did not expect: counted as HTTP errors, and the run fails
    exit: 1,
    message: /getAlbum .* 302×\d+/,
    artifacts: {
      'reports/latest/load.json': { json: { 'totals.statusCodes.302': { min: 5 } } },
      'server.log': { contains: 'GET /v1/albums', lacks: '/followed' },
    },
  },
  {
    name: 'contract does not follow redirects either',
    args: [
      'contract',
      '--spec',
      spec,
      '--base-url',
      '{baseURL}',
      '--max-cases',
      '2',
      '--operations',
      'listAlbums',
    ],
    server: { kind: 'hostile', name: 'redirects' },
    exit: 1,
    message: /undocumented-redirect/,
    artifacts: { 'server.log': { contains: 'GET /v1/albums', lacks: '/followed' } },
  },
  {
    name: 'a readOnly environment contract sends no writes even with --operations naming a write among reads',
    args: ['contract', '--env', 'production', '--operations', 'getAlbum,deleteAlbum', '--max-cases', '3'],
    files: { 'tollgate.config.ts': production('{baseURL}') },
    server: { kind: 'albums' },
    exit: 0,
    message: /contract PASSED/,
    artifacts: { 'server.log': { contains: /GET\s+"\/v1\/albums\/1/, lacks: writeMethods } },
  },
];
