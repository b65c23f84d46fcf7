/**
 * Checks an environment's `pushgateway` block: credentials for `--push`,
 * basic or bearer, each value read from an environment variable (never a
 * literal in the config, which is committed). The caller's `fail` names the
 * config file.
 */
export function validatePushgateway(
  pushgateway: unknown,
  at: string,
  fail: (path: string, rule: string, got: unknown) => never,
): void {
  const shape = "must be an object like { auth: { bearer: { env: 'PUSHGATEWAY_TOKEN' } } }";
  if (!isObject(pushgateway)) fail(at, shape, pushgateway);
  const p = pushgateway as Record<string, unknown>;
  for (const key of Object.keys(p))
    if (key !== 'auth') fail(`${at}.${key}`, 'is not an option (known: auth)', p[key]);
  if (!isObject(p.auth))
    fail(`${at}.auth`, "must be { bearer: { env: 'NAME' } } or { basic: { username, password } }", p.auth);
  const auth = p.auth as Record<string, unknown>;
  const kinds = Object.keys(auth);
  for (const key of kinds)
    if (key !== 'bearer' && key !== 'basic')
      fail(`${at}.auth.${key}`, 'is not an option (known: basic, bearer)', '(hidden)');
  if (kinds.length !== 1) fail(`${at}.auth`, 'must name exactly one of basic and bearer', kinds);
  if (auth.bearer !== undefined && !isEnvRef(auth.bearer))
    fail(`${at}.auth.bearer`, "must be { env: 'NAME' } (a token is never written in the config)", '(hidden)');
  if (auth.basic !== undefined) {
    if (!isObject(auth.basic))
      fail(
        `${at}.auth.basic`,
        "must be { username: { env: 'NAME' }, password: { env: 'NAME' } }",
        '(hidden)',
      );
    const basic = auth.basic as Record<string, unknown>;
    for (const key of Object.keys(basic))
      if (key !== 'username' && key !== 'password')
        fail(`${at}.auth.basic.${key}`, 'is not an option (known: username, password)', '(hidden)');
    for (const key of ['username', 'password'])
      if (!isEnvRef(basic[key]))
        fail(
          `${at}.auth.basic.${key}`,
          "must be { env: 'NAME' } (credentials are never written in the config)",
          '(hidden)',
        );
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isEnvRef = (v: unknown) => isObject(v) && typeof v.env === 'string' && v.env !== '';
