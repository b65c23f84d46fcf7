/**
 * Header and query parameter names whose values are credentials, whatever
 * their value: they are redacted in reports and replaced by variables in
 * repro commands even when tollgate does not know the secret behind them.
 */
const exactHeaders = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);
const namePattern =
  /api[-_]?key|token|secret|password|passwd|session|signature|credential|csrf|xsrf|(^|[-_])(auth|sid|jwt)($|[-_])/i;

export function isSensitiveHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return exactHeaders.has(lower) || namePattern.test(lower);
}

export function isSensitiveParam(name: string): boolean {
  return namePattern.test(name) || /^(key|auth|sig)$/i.test(name);
}

/** Secret values shorter than this are not searched for in free text: `a` would blank every `a`. */
export const minSecretLength = 4;
