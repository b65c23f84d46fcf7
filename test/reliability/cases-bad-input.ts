import { refCycleSpec } from '../support/fixture-specs.ts';
import type { ReliabilityCase } from './case.ts';

const spec = '{repo}/specs/albums.openapi.yaml';
const cycle = refCycleSpec;
/** Eleven levels of ten aliases: 10^11 strings once expanded, 1 KB as written. */
const bomb = [
  "openapi: 3.0.3\ninfo: { title: b, version: '1' }\nx-bomb:",
  '  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]',
  ...Array.from({ length: 11 }, (_, i) => `  a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(', ')}]`),
  "paths:\n  /a:\n    get:\n      responses:\n        '200': { description: ok }\n",
].join('\n');
const openProfile = (rate: string) =>
  `export default { model: 'open', rate: ${rate}, duration: '1s', requests: [{ path: '/v1/albums', method: 'get' }] };\n`;
const localConfig = `export default {
  specs: { albums: '${spec}' },
  environments: { local: { baseURL: '{baseURL}' } },
};
`;

/** Issue 10, item 4: bad input is one line and exit 2 (or 3), never a crash, a hang or a JavaScript error name. */
export const cases: ReliabilityCase[] = [
  {
    name: 'a pure $ref cycle exits 2 naming the chain, before any request',
    args: ['contract', '--spec', '{dir}/cycle.yaml', '--base-url', '{baseURL}'],
    files: { 'cycle.yaml': cycle },
    server: { kind: 'hostile', name: 'holds-some' },
    exit: 2,
    message:
      /^TG_SPEC_REF: .*cycle\.yaml.*#\/components\/schemas\/A -> #\/components\/schemas\/B -> #\/components\/schemas\/A/,
    artifacts: { reports: false, 'server.log': { lacks: /GET|POST/ } },
  },
  {
    name: 'a YAML alias bomb exits 2 without expanding it',
    args: ['contract', '--spec', '{dir}/bomb.yaml', '--base-url', '{baseURL}'],
    files: { 'bomb.yaml': bomb },
    server: { kind: 'hostile', name: 'holds-some' },
    exit: 2,
    message: /^TG_SPEC_SYNTAX: .*bomb\.yaml: more than 10000 YAML alias expansions/,
    artifacts: { reports: false, 'server.log': { lacks: /GET|POST/ } },
    timeoutMs: 30_000,
  },
  {
    name: 'a config with a TypeScript syntax error names its file, line and message whole',
    args: ['contract', '--env', 'local'],
    files: {
      'tollgate.config.ts':
        "export default {\n  specs: { a: 'a.yaml' },\n  environments: { local: { baseURL: '{baseURL}',, } },\n};\n",
    },
    server: { kind: 'hostile', name: 'holds-some' },
    exit: 2,
    message:
      /^TG_CONFIG_INVALID: .*tollgate\.config\.ts failed to load: .*tollgate\.config\.ts:3:\d+: Expected identifier but found ","/,
    artifacts: { reports: false, 'server.log': { lacks: /GET|POST/ } },
  },
  {
    name: 'a profile with a TypeScript syntax error names its file, line and message whole',
    args: ['load', 'syntax.ts', '--spec', spec, '--base-url', '{baseURL}'],
    files: { 'syntax.ts': "export default {\n  model: 'open',\n  rate: 5 +,\n  requests: [] };\n" },
    server: { kind: 'hostile', name: 'holds-some' },
    exit: 2,
    message: /^TG_PROFILE_INVALID: .*syntax\.ts failed to load: .*syntax\.ts:3:11: Unexpected ","/,
    artifacts: { reports: false },
  },
  {
    name: 'a profile rate of 1e9 is refused with the limit, nothing but the probe sent',
    args: ['load', 'huge.ts', '--spec', spec, '--base-url', '{baseURL}'],
    files: { 'huge.ts': openProfile('1e9') },
    server: { kind: 'hostile', name: 'holds-some' },
    exit: 2,
    message:
      /^TG_PROFILE_INVALID: .*huge\.ts: rate must be at most 100000 \(tollgate's limit\), got 1000000000/,
    artifacts: { reports: false, 'server.log': { lacks: '/v1/albums' } },
    timeoutMs: 30_000,
  },
  {
    name: '--rate=1e8 is refused with the limit',
    args: ['load', 'ok.ts', '--spec', spec, '--base-url', '{baseURL}', '--rate=1e8'],
    files: { 'ok.ts': openProfile('5') },
    server: { kind: 'hostile', name: 'holds-some' },
    exit: 2,
    message: /^TG_USAGE: --rate must be at most 100000, got "1e8"/,
    artifacts: { reports: false, 'server.log': { lacks: '/v1/albums' } },
  },
  {
    name: 'a reports folder that is a file is refused before the first case',
    args: ['contract', '--env', 'local'],
    files: { 'tollgate.config.ts': localConfig, reports: 'not a folder\n' },
    server: { kind: 'hostile', name: 'holds-some' },
    exit: 2,
    message: /^TG_OUTPUT_DIR: reports folder .*reports is a file, not a folder/,
    artifacts: { 'server.log': { lacks: '/v1/' } },
  },
  {
    name: '--run-dir under a file is refused before any load',
    args: ['load', 'ok.ts', '--spec', spec, '--base-url', '{baseURL}', '--run-dir', '{dir}/a-file/run'],
    files: { 'ok.ts': openProfile('5'), 'a-file': 'x\n' },
    server: { kind: 'hostile', name: 'holds-some' },
    exit: 2,
    message: /^TG_OUTPUT_DIR: --run-dir .*a-file\/run is under .*a-file, which is a file/,
    artifacts: { 'server.log': { lacks: '/v1/albums' } },
  },
  {
    name: 'a bad port names the reason, never "(TypeError)"',
    args: ['contract', '--spec', spec, '--base-url', 'http://127.0.0.1:1'],
    server: { kind: 'none' },
    exit: 3,
    message: /^TG_UNREACHABLE: cannot reach http:\/\/127\.0\.0\.1:1 \(bad port\)/,
    artifacts: { reports: false },
  },
  {
    name: 'an unknown flag is one line with exit 2',
    args: ['contract', '--spec', spec, '--base-url', '{baseURL}', '--max-casez', '3'],
    server: { kind: 'hostile', name: 'holds-some' },
    exit: 2,
    message: /^TG_USAGE: .*--max-casez/,
    artifacts: { reports: false, 'server.log': { lacks: '/v1/' } },
  },
  {
    name: 'a spec that is not an API description exits 2 with one line',
    args: ['inspect', '--spec', '{dir}/notes.yaml'],
    files: { 'notes.yaml': 'shopping: [milk, eggs]\n' },
    server: { kind: 'none' },
    exit: 2,
    message: /^TG_SPEC_(NOT_API|VERSION): .*notes\.yaml/,
    artifacts: { reports: false },
  },
];
