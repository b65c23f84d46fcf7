import { randomBytes } from 'node:crypto';
import { defineConfig } from './src/public/index.ts';

// The local reference API gets a fresh token per run unless one is given.
// It goes into the process environment so that child processes (the API
// itself, Playwright workers) see the same value; reports show `$TOLLGATE_TOKEN`.
process.env.TOLLGATE_TOKEN ??= randomBytes(16).toString('hex');

export default defineConfig({
  specs: {
    albums: 'specs/albums.openapi.yaml',
    'albums-swagger': 'specs/albums.swagger.yaml',
  },
  environments: {
    // Builds and starts the reference Gin API on a free port; ALBUMS_FAULTS passes through.
    local: {
      webServer: {
        command: 'go build -o bin/albums-api . && exec ./bin/albums-api',
        cwd: 'examples/albums-api',
        env: { ALBUMS_ADDR: '127.0.0.1:0', ALBUMS_TOKEN: process.env.TOLLGATE_TOKEN },
        urlPattern: 'listening on (http://\\S+)',
        readyPath: '/readyz',
        timeoutMs: 120_000,
      },
      auth: { bearer: { env: 'TOLLGATE_TOKEN' } },
      stages: ['generate-check', 'contract', 'suites', { load: 'smoke' }],
    },
    staging: {
      baseURL: { env: 'STAGING_URL' },
      auth: { bearer: { env: 'STAGING_TOKEN' } },
      stages: ['generate-check', 'contract', 'suites', { load: 'baseline' }],
    },
    production: {
      baseURL: { env: 'PRODUCTION_URL' },
      auth: { bearer: { env: 'PRODUCTION_TOKEN' } },
      readOnly: true,
      allowLoad: true,
      maxRate: 20,
      maxDurationSec: 30,
      stages: ['contract', { load: 'smoke' }],
    },
  },
});
