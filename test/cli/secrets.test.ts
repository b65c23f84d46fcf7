import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { echoSpec } from '../support/fixture-specs.ts';
import { type CliResult, runCli } from '../support/run-cli.ts';

/**
 * A server of ours that echoes every credential it was sent (and a cookie it
 * set) back in its body and headers, as debug endpoints and error pages do.
 * Its answer breaks the spec, so the exchange lands in every report.
 */
const sent = {
  cookie: 'cookievalue-111111',
  session: 'sessionvalue-222222',
  xAuth: 'xauthvalue-333333',
  apiKey: 'apikeyvalue-444444',
};
const serverCookie = 'servercookie-555555';
const trace = 'tracevalue-666666';

const spec = echoSpec;

let server: Server;
let baseURL = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    const echo = {
      ok: 'not a boolean',
      cookie: req.headers.cookie,
      session: req.headers['x-session-id'],
      auth: req.headers['x-auth'],
      key: req.headers['x-api-key'],
      trace: req.headers['x-trace'],
      refresh: serverCookie,
    };
    res
      .writeHead(200, {
        'content-type': 'application/json',
        'set-cookie': `refresh=${serverCookie}; HttpOnly`,
        'x-debug-echo': `${req.headers['x-session-id']} ${req.headers['x-auth']} ${req.headers.cookie}`,
      })
      .end(JSON.stringify(echo));
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('secrets echoed back by the server never reach an artifact', () => {
  let project = '';
  let result: CliResult;
  let artifacts: Map<string, string>;

  beforeAll(async () => {
    project = mkdtempSync(join(tmpdir(), 'tollgate-secrets-'));
    writeFileSync(join(project, 'echo.yaml'), spec);
    result = await runCli(
      [
        'contract',
        '--spec',
        'echo.yaml',
        '--base-url',
        baseURL,
        '--header',
        `Cookie: sid=${sent.cookie}`,
        '--header',
        `X-Session-Id: ${sent.session}`,
        '--header',
        `X-Auth: ${sent.xAuth}`,
        '--header',
        `X-Api-Key: ${sent.apiKey}`,
        '--header',
        `X-Trace: ${trace}`,
      ],
      { cwd: project },
    );
    artifacts = new Map(
      filesUnder(join(project, 'reports')).map((file) => [
        file.slice(project.length + 1),
        readFileSync(file, 'utf8'),
      ]),
    );
    artifacts.set('stdout', result.stdout);
    artifacts.set('stderr', result.stderr);
  });

  test('the run found the broken answer and wrote every artifact', () => {
    assert.equal(result.code, 1, result.stderr);
    const names = [...artifacts.keys()].map((n) => n.replace(/^reports\/[^/]+\//, '<run>/'));
    for (const wanted of [
      '<run>/run.json',
      '<run>/contract.json',
      '<run>/index.html',
      '<run>/junit.xml',
      '<run>/summary.md',
    ]) {
      assert.ok(names.includes(wanted), `${wanted} missing; wrote ${names.join(', ')}`);
    }
    assert.ok(
      [...artifacts.keys()].some((n) => n.startsWith('reports/history/')),
      `no history written; wrote ${names.join(', ')}`,
    );
  });

  const secrets: [string, string][] = [
    ['a cookie value sent', sent.cookie],
    ['an X-Session-Id value', sent.session],
    ['a custom X-Auth credential', sent.xAuth],
    ['an X-Api-Key value', sent.apiKey],
    ['a cookie the server set', serverCookie],
  ];
  for (const [name, value] of secrets) {
    test(`${name} echoed in the body and headers appears in no artifact`, () => {
      const leaks = [...artifacts].filter(([, text]) => text.includes(value)).map(([file]) => file);
      assert.deepEqual(leaks, [], `${value} leaked into ${leaks.join(', ')}`);
    });
  }

  test('an ordinary header value echoed back stays visible (redaction is not blanket)', () => {
    const contract = [...artifacts].find(([file]) => file.endsWith('/contract.json'))?.[1] ?? '';
    assert.ok(contract.includes(trace), 'X-Trace value should be kept in contract.json');
    assert.match(contract, /\[REDACTED\]/);
  });
});
