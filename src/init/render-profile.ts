import type { SmokeRequest } from './smoke-requests.ts';
import { importLine, tsLiteral } from './ts-literal.ts';

/** load/smoke.ts: light reads at a fixed rate, gates per environment. */
export function renderProfile(specName: string, requests: SmokeRequest[]): string {
  const lines = requests.map((r) => {
    const params = {
      ...(Object.keys(r.pathParams).length ? { path: r.pathParams } : {}),
      ...(Object.keys(r.query).length ? { query: r.query } : {}),
    };
    const withParams = Object.keys(params).length ? `, params: ${tsLiteral(params)}` : '';
    return `    { weight: 1, path: ${tsLiteral(r.path)}, method: 'get'${withParams} },`;
  });
  return [
    importLine('{ defineProfile }', 'tollgate'),
    importLine('{ paths }', `../specs/generated/${specName}.ts`, 'import type'),
    '',
    '/** Written by `tollgate init`: light reads at a fixed rate (open model). Add your hot paths. */',
    'export default defineProfile<paths>({',
    `  description: 'light reads at 20 rps, ~12 s',`,
    "  model: 'open',",
    '  stages: [',
    "    { kind: 'warmup', duration: '2s', rate: 5 },",
    "    { kind: 'steady', duration: '10s', rate: 20 },",
    '  ],',
    '  requests: [',
    ...lines,
    '  ],',
    '  contractSample: 0.1,',
    '  gates: {',
    "    local: { 'latency.p99': '<250ms', 'errors.rate': '<1%', 'contract.violations': '==0' },",
    "    staging: { 'latency.p99': '<500ms', 'errors.rate': '<1%', 'contract.violations': '==0' },",
    "    production: { 'latency.p99': '<500ms', 'errors.rate': '<0.5%' },",
    '  },',
    '});',
    '',
  ].join('\n');
}
