import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import { resolveConfig, resolveEnvironment } from '../../src/config/resolve-config.ts';
import { validateConfig } from '../../src/config/validate-config.ts';
import { TollgateError } from '../../src/errors/tollgate-error.ts';

const web = { command: 'run-api', urlPattern: 'on (\\S+)' };

describe('validateConfig names the exact path and rule', () => {
  const cases: [string, unknown, RegExp][] = [
    ['not an object', 42, /the default export must be an object/],
    ['unknown top-level key', { specz: {} }, /specz is not an option \(known: specs,/],
    ['spec path empty', { specs: { a: '' } }, /specs\.a must be a file path or URL, got ""/],
    [
      'baseURL not a URL',
      { environments: { staging: { baseURL: 'stagin.example' } } },
      /environments\.staging\.baseURL must be an http\(s\) URL, got "stagin\.example"/,
    ],
    ['no baseURL and no webServer', { environments: { x: {} } }, /environments\.x\.baseURL is required/],
    [
      'readOnly not boolean',
      { environments: { p: { baseURL: 'http://a', readOnly: 'yes' } } },
      /environments\.p\.readOnly must be a boolean, got "yes"/,
    ],
    [
      'webServer without command',
      { environments: { l: { webServer: { urlPattern: 'x(.*)' } } } },
      /environments\.l\.webServer\.command must be a command/,
    ],
    [
      'bad stage',
      { environments: { l: { baseURL: 'http://a', stages: ['contract', 'lode'] } } },
      /environments\.l\.stages\[1\] must be/,
    ],
    [
      'negative workers',
      { contract: { workers: -1 } },
      /contract\.workers must be a whole number >= 0, got -1/,
    ],
    [
      'spec name unknown',
      { specs: { a: 'a.yaml' }, environments: { l: { baseURL: 'http://a', spec: 'b' } } },
      /environments\.l\.spec must name one of the specs \(a\)/,
    ],
  ];
  for (const [name, config, message] of cases) {
    test(name, () => {
      assert.throws(
        () => validateConfig(config, 'tollgate.config.ts'),
        (error: unknown) =>
          error instanceof TollgateError && error.exitCode === 2 && message.test(error.message),
      );
    });
  }

  test('a valid config passes', () => {
    const config = {
      specs: { albums: 'specs/albums.openapi.yaml' },
      environments: {
        local: { webServer: web, auth: { bearer: { env: 'T' } }, stages: ['contract', { load: 'smoke' }] },
        staging: { baseURL: { env: 'STAGING_URL' }, readOnly: false },
      },
      contract: { seed: 3, checks: { 'response-time': { maxMs: 100 }, 'null-collection': false } },
    };
    assert.doesNotThrow(() => validateConfig(config, 'tollgate.config.ts'));
  });
});

describe('resolveEnvironment', () => {
  const config = resolveConfig(
    {
      specs: { albums: 'specs/a.yaml' },
      environments: {
        staging: { baseURL: { env: 'STAGING_URL' }, auth: { bearer: { env: 'STAGING_TOKEN' } } },
        production: { baseURL: 'https://api.example.com/', readOnly: true },
      },
    },
    '/repo',
  );

  test('reads variables, keeps the variable name of secrets, fills defaults', () => {
    const env = resolveEnvironment(config, 'staging', {
      STAGING_URL: 'https://staging.example.com',
      STAGING_TOKEN: 's3cret',
    });
    assert.equal(env.baseURL, 'https://staging.example.com');
    assert.deepEqual(env.auth.bearer, { value: 's3cret', envName: 'STAGING_TOKEN' });
    assert.equal(env.spec, 'albums');
    assert.equal(env.contract.seed, 1);
    assert.equal(env.readOnly, false);
    assert.equal(env.allowLoad, true);
  });

  test('a missing variable names the config path and the variable', () => {
    assert.throws(
      () => resolveEnvironment(config, 'staging', {}),
      /environments\.staging\.baseURL reads \$STAGING_URL, which is not set/,
    );
  });

  test('a variable holding a non-URL is rejected with its value', () => {
    assert.throws(
      () => resolveEnvironment(config, 'staging', { STAGING_URL: 'stagin.example', STAGING_TOKEN: 'x' }),
      /environments\.staging\.baseURL must be an http\(s\) URL, got "stagin\.example"/,
    );
  });

  test('readOnly refuses load by default and caps rate and duration', () => {
    const env = resolveEnvironment(config, 'production', {});
    assert.equal(env.baseURL, 'https://api.example.com');
    assert.equal(env.allowLoad, false);
    assert.equal(env.maxRate, 50);
    assert.equal(env.maxDurationSec, 60);
  });

  test('an unknown environment lists the known ones', () => {
    assert.throws(
      () => resolveEnvironment(config, 'stagign', {}),
      /no environment "stagign".*known: staging, production/,
    );
  });

  test('relative paths resolve against the config folder', () => {
    assert.equal(config.specs.albums, '/repo/specs/a.yaml');
    assert.equal(config.reportsDir, '/repo/reports');
  });
});
