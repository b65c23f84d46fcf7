import { echoSpec } from '../support/fixture-specs.ts';
import type { ReliabilityCase } from './case.ts';

const secrets = {
  cookie: 'cookievalue-111111',
  session: 'sessionvalue-222222',
  xAuth: 'xauthvalue-333333',
  apiKey: 'apikeyvalue-444444',
  bearer: 'bearervalue-777777',
};
const values = [...Object.values(secrets), 'servercookie-555555'];
const reports = ['run.json', 'contract.json', 'index.html', 'junit.xml', 'summary.md'];
/** Every report of the run lacks every secret value; contract.json still holds the echoed body (redaction is by value, not blanket). */
const noSecrets = Object.fromEntries(
  reports.map((file) => [
    `reports/latest/${file}`,
    file === 'contract.json' ? { lacks: values, contains: 'tracevalue-666666' } : { lacks: values },
  ]),
);
const headers = [
  '--header',
  `Cookie: sid=${secrets.cookie}`,
  '--header',
  `X-Session-Id: ${secrets.session}`,
  '--header',
  `X-Auth: ${secrets.xAuth}`,
  '--header',
  `X-Api-Key: ${secrets.apiKey}`,
  '--header',
  'X-Trace: tracevalue-666666',
];

/** Issue 10, item 3: a credential a server echoes back is redacted by value in every artifact. */
export const cases: ReliabilityCase[] = [
  {
    name: 'cookies, session and custom credential headers echoed in body and headers reach no report',
    args: ['contract', '--spec', '{dir}/echo.yaml', '--base-url', '{baseURL}', ...headers],
    files: { 'echo.yaml': echoSpec },
    server: { kind: 'hostile', name: 'echo-secrets' },
    exit: 1,
    message: /response-schema/,
    outputLacks: values,
    artifacts: noSecrets,
  },
  {
    name: "an environment's bearer token and API key header from the environment reach no report, inside gate",
    args: ['gate', '--env', 'staging'],
    env: { REL_TOKEN: secrets.bearer, REL_KEY: secrets.apiKey },
    files: {
      'echo.yaml': echoSpec,
      'tollgate.config.ts': `export default {
  specs: { echo: 'echo.yaml' },
  environments: {
    staging: {
      baseURL: '{baseURL}',
      auth: { bearer: { env: 'REL_TOKEN' } },
      headers: { 'X-Api-Key': { env: 'REL_KEY' }, 'X-Trace': 'tracevalue-666666' },
      stages: ['contract'],
    },
  },
};
`,
    },
    server: { kind: 'hostile', name: 'echo-secrets' },
    exit: 1,
    message: /contract/,
    outputLacks: [secrets.bearer, secrets.apiKey],
    artifacts: {
      'reports/latest/run.json': { lacks: [secrets.bearer, secrets.apiKey], json: { verdict: 'fail' } },
      'reports/latest/contract.json': {
        lacks: [secrets.bearer, secrets.apiKey],
        contains: 'tracevalue-666666',
      },
      'reports/latest/index.html': { lacks: [secrets.bearer, secrets.apiKey] },
      'reports/latest/junit.xml': { lacks: [secrets.bearer, secrets.apiKey] },
      'reports/latest/summary.md': { lacks: [secrets.bearer, secrets.apiKey] },
    },
  },
  {
    name: "the HTML report's CSP allows scripts by hash only, never 'unsafe-inline'",
    args: ['contract', '--spec', '{dir}/echo.yaml', '--base-url', '{baseURL}'],
    files: { 'echo.yaml': echoSpec },
    server: { kind: 'hostile', name: 'echo-secrets' },
    exit: 1,
    message: /response-schema/,
    artifacts: {
      'reports/latest/index.html': {
        // the attribute is HTML-escaped: ' is &#39;
        contains: /Content-Security-Policy" content="[^"]*script-src (&#39;sha256-[A-Za-z0-9+/=]+&#39; ?)+;/,
        lacks: /script-src[^;"]*unsafe-inline/,
      },
    },
  },
];
