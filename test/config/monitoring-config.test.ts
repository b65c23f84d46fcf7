import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import { pushgatewayHeaders } from '../../src/config/pushgateway-headers.ts';
import { resolveConfig, resolveEnvironment } from '../../src/config/resolve-config.ts';
import { validateConfig } from '../../src/config/validate-config.ts';
import { TollgateError } from '../../src/errors/tollgate-error.ts';

const env = (extra: Record<string, unknown>) => ({
  specs: { api: 'api.yaml' },
  environments: { prod: { baseURL: 'http://a', ...extra } },
});

describe('the pushgateway and monitor blocks of an environment: one line naming the path and the rule', () => {
  const cases: [string, unknown, RegExp][] = [
    [
      'pushgateway not an object',
      env({ pushgateway: 'basic' }),
      /environments\.prod\.pushgateway must be an object like \{ auth:/,
    ],
    [
      'pushgateway unknown key',
      env({ pushgateway: { url: 'http://pg', auth: { bearer: { env: 'T' } } } }),
      /environments\.prod\.pushgateway\.url is not an option \(known: auth\)/,
    ],
    [
      'a literal bearer token',
      env({ pushgateway: { auth: { bearer: 'abc123' } } }),
      /environments\.prod\.pushgateway\.auth\.bearer must be \{ env: 'NAME' \} \(a token is never written in the config\), got "\(hidden\)"/,
    ],
    [
      'a literal basic password',
      env({ pushgateway: { auth: { basic: { username: { env: 'U' }, password: 'hunter2' } } } }),
      /environments\.prod\.pushgateway\.auth\.basic\.password must be \{ env: 'NAME' \}/,
    ],
    [
      'both kinds',
      env({
        pushgateway: {
          auth: { bearer: { env: 'T' }, basic: { username: { env: 'U' }, password: { env: 'P' } } },
        },
      }),
      /environments\.prod\.pushgateway\.auth must name exactly one of basic and bearer/,
    ],
    [
      'an unknown kind',
      env({ pushgateway: { auth: { digest: { env: 'T' } } } }),
      /environments\.prod\.pushgateway\.auth\.digest is not an option \(known: basic, bearer\)/,
    ],
    [
      'monitor unknown key',
      env({ monitor: { every: '30s' } }),
      /environments\.prod\.monitor\.every is not an option \(known: interval, port, rate, operations\)/,
    ],
    [
      'monitor interval without a unit',
      env({ monitor: { interval: 30 } }),
      /environments\.prod\.monitor\.interval must look like '30s', '1m' or '500ms' \(at least 100ms\), got 30/,
    ],
    [
      'monitor interval too short',
      env({ monitor: { interval: '10ms' } }),
      /environments\.prod\.monitor\.interval must look like/,
    ],
    [
      'monitor port out of range',
      env({ monitor: { port: 70000 } }),
      /environments\.prod\.monitor\.port must be a port number from 0 to 65535 \(0 picks a free one\), got 70000/,
    ],
    [
      'monitor port a string',
      env({ monitor: { port: '9470' } }),
      /environments\.prod\.monitor\.port must be a port/,
    ],
    [
      'monitor rate zero',
      env({ monitor: { rate: 0 } }),
      /environments\.prod\.monitor\.rate must be probe requests per second, above 0 and at most 1000, got 0/,
    ],
    [
      'monitor operations empty',
      env({ monitor: { operations: [] } }),
      /environments\.prod\.monitor\.operations must be a non-empty list of operation ids or 'GET \/path'/,
    ],
    [
      'monitor operation not a string',
      env({ monitor: { operations: ['getAlbum', 7] } }),
      /environments\.prod\.monitor\.operations\[1\] must be an operation id or 'GET \/path', got 7/,
    ],
  ];
  for (const [name, config, message] of cases) {
    test(name, () => {
      assert.throws(
        () => validateConfig(config, 'tollgate.config.ts'),
        (error: unknown) =>
          error instanceof TollgateError &&
          error.exitCode === 2 &&
          !error.message.includes('\n') &&
          message.test(error.message),
      );
    });
  }

  test('valid blocks pass and resolve with defaults; credentials are read only when asked for', () => {
    const config = env({
      pushgateway: { auth: { basic: { username: { env: 'PG_USER' }, password: { env: 'PG_PASSWORD' } } } },
      monitor: { interval: '1.5m', rate: 0.5, operations: ['getAlbum', 'GET /v1/albums'] },
    });
    validateConfig(config, 'tollgate.config.ts');
    const resolved = resolveEnvironment(resolveConfig(config, '/tmp'), 'prod', {});
    assert.deepEqual(resolved.monitor, {
      intervalMs: 90_000,
      port: 9470,
      rate: 0.5,
      operations: ['getAlbum', 'GET /v1/albums'],
    });
    assert.deepEqual(pushgatewayHeaders(resolved, { PG_USER: 'u', PG_PASSWORD: 'p' }), {
      authorization: `Basic ${Buffer.from('u:p').toString('base64')}`,
    });
    assert.throws(
      () => pushgatewayHeaders(resolved, { PG_USER: 'u' }),
      /environments\.prod\.pushgateway\.auth\.basic\.password reads \$PG_PASSWORD, which is not set/,
    );
    const bearer = env({ pushgateway: { auth: { bearer: { env: 'PG_TOKEN' } } } });
    validateConfig(bearer, 'tollgate.config.ts');
    const b = resolveEnvironment(resolveConfig(bearer, '/tmp'), 'prod', {});
    assert.deepEqual(pushgatewayHeaders(b, { PG_TOKEN: 't0k' }), { authorization: 'Bearer t0k' });
    assert.deepEqual(resolveEnvironment(resolveConfig(env({}), '/tmp'), 'prod', {}).monitor, {
      intervalMs: 30_000,
      port: 9470,
      rate: 2,
    });
  });
});
