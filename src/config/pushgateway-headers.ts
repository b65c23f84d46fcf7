import { readFromEnv } from './from-env.ts';
import type { ResolvedEnvironment } from './types.ts';

/**
 * The headers a push to the Pushgateway carries: `Authorization` from the
 * environment's `pushgateway.auth` (basic or bearer), read from its env vars
 * now, when a run pushes, so that a variable missing there stops nothing
 * else. A missing variable is TG_ENV_VAR_MISSING (exit 2) naming it; the
 * values are never printed.
 */
export function pushgatewayHeaders(
  env: Pick<ResolvedEnvironment, 'name' | 'pushgateway'>,
  processEnv: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const auth = env.pushgateway?.auth;
  if (!auth) return {};
  const at = `environments.${env.name}.pushgateway.auth`;
  if (auth.bearer) return { authorization: `Bearer ${readFromEnv(auth.bearer, `${at}.bearer`, processEnv)}` };
  if (!auth.basic) return {};
  const user = readFromEnv(auth.basic.username, `${at}.basic.username`, processEnv);
  const password = readFromEnv(auth.basic.password, `${at}.basic.password`, processEnv);
  return { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` };
}
