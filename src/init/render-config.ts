import type { Envelope, UserAuth } from '../config/types.ts';
import type { ServerGuess } from './detect-server.ts';
import { importLine, tsLiteral } from './ts-literal.ts';

/** What the config `tollgate init` writes is made of. */
export interface ConfigPlan {
  specName: string;
  specFile: string;
  server: ServerGuess;
  auth?: UserAuth;
  envelope?: Envelope;
}

/** tollgate.config.ts: local starts the API with `go run`, staging and production come from env vars. */
export function renderConfig(plan: ConfigPlan): string {
  const { server } = plan;
  const auth = plan.auth ? tsLiteral(plan.auth) : undefined;
  const local = server.command
    ? [
        '    local: {',
        `      // Started before the run and stopped after it; the API must listen on ${server.url}.`,
        '      webServer: {',
        `        command: '${server.command}',`,
        `        url: '${server.url}',`,
        `        readyPath: '${server.readyPath ?? '/'}',`,
        '        timeoutMs: 120_000, // the first `go run` downloads modules and compiles',
        '      },',
      ]
    : ['    local: {', `      baseURL: { env: 'LOCAL_URL' }, // e.g. ${server.url}`];
  return [
    importLine('{ defineConfig }', 'tollgate'),
    '',
    '// Written by `tollgate init`; check the guesses it printed.',
    'export default defineConfig({',
    `  specs: { ${plan.specName}: '${plan.specFile}' },`,
    ...(plan.envelope ? [`  contract: { envelope: ${tsLiteral(plan.envelope)} },`] : []),
    '  environments: {',
    ...local,
    ...(auth ? [`      auth: ${auth},`] : []),
    "      stages: ['generate-check', 'contract', 'suites', { load: 'smoke' }],",
    '    },',
    '    staging: {',
    "      baseURL: { env: 'STAGING_URL' },",
    ...(auth ? [`      auth: ${auth.replaceAll('TOLLGATE_', 'STAGING_')},`] : []),
    "      stages: ['generate-check', 'contract', 'suites', { load: 'smoke' }],",
    '    },',
    '    production: {',
    "      baseURL: { env: 'PRODUCTION_URL' },",
    ...(auth ? [`      auth: ${auth.replaceAll('TOLLGATE_', 'PRODUCTION_')},`] : []),
    '      readOnly: true, // safe methods only; load only within the caps below',
    '      allowLoad: true,',
    '      maxRate: 20,',
    '      maxDurationSec: 30,',
    "      stages: ['contract', { load: 'smoke' }],",
    '    },',
    '  },',
    '});',
    '',
  ].join('\n');
}
