import type { ReliabilityCase } from './case.ts';

/**
 * A webServer of ours: writes its pid to server.pid, answers `GET /` (the
 * readiness probe) and holds every other request, so the run is still going
 * when tollgate is SIGKILLed.
 */
const server = `require('fs').writeFileSync('server.pid', String(process.pid));
require('http')
  .createServer((req, res) => { if (req.url === '/') res.end('ok'); })
  .listen(0, '127.0.0.1', function () { console.log('listening on http://127.0.0.1:' + this.address().port); });
`;
const config = (stages: string) => `export default {
  specs: { albums: '{repo}/specs/albums.openapi.yaml' },
  contract: { timeoutMs: 20000 },
  environments: {
    local: {
      webServer: { command: 'exec {node} server.cjs', cwd: '{dir}', urlPattern: 'listening on (http://\\\\S+)', readyPath: '/' },
      stages: ${stages},
    },
  },
};
`;
const profile = `export default {
  model: 'open', timeoutMs: 20000,
  stages: [{ kind: 'steady', duration: '30s', rate: 5 }],
  requests: [{ path: '/v1/albums', method: 'get' }],
  gates: { local: { 'errors.rate': '<1%' } },
};
`;

/** Issue 10, item 7: a webServer tollgate started does not outlive a SIGKILLed tollgate. */
export const cases: ReliabilityCase[] = [
  {
    name: 'tollgate SIGKILLed mid-contract: the webServer it started is stopped by its watchdog',
    args: ['contract', '--env', 'local'],
    files: { 'server.cjs': server, 'tollgate.config.ts': config("['contract']") },
    server: { kind: 'none' },
    killTollgate: { afterMs: 2_000, orphanPidFile: 'server.pid' },
    exit: 137,
    message: /started `exec .*server\.cjs` at http:\/\/127\.0\.0\.1:\d+/,
    artifacts: { 'server.pid': true },
  },
  {
    name: 'tollgate SIGKILLed mid-load inside gate: the webServer is stopped as well',
    args: ['gate', '--env', 'local'],
    files: {
      'server.cjs': server,
      'tollgate.config.ts': config("[{ load: 'p' }]"),
      'load/p.ts': profile,
    },
    server: { kind: 'none' },
    killTollgate: { afterMs: 2_000, orphanPidFile: 'server.pid' },
    exit: 137,
    message: /started `exec .*server\.cjs` at http:\/\/127\.0\.0\.1:\d+/,
    artifacts: { 'server.pid': true },
  },
];
