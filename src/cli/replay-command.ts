import type { Secret } from '../config/types.ts';

/** Flags that reach the same target or change how a replayed case is judged. */
const carried = [
  'config',
  'env',
  'spec',
  'base-url',
  'base-path',
  'envelope',
  'checks',
  'exclude-checks',
  'timeout',
];

/**
 * `tollgate contract` plus the flags of this invocation that a replay needs,
 * so a printed replay line works as printed, ad hoc too (`--spec`,
 * `--base-url`, `-H`). Secret header values become `$VARIABLE` inside double
 * quotes, so the shell fills them in and the line never holds them.
 */
export function replayCommandOf(values: Record<string, unknown>, secrets: Secret[]): string {
  const parts = ['tollgate contract'];
  for (const name of carried) {
    const value = values[name];
    if (typeof value === 'string') parts.push(`--${name}`, shellQuote(value));
  }
  for (const header of (values.header as string[] | undefined) ?? []) {
    let shown = header;
    for (const secret of secrets)
      if (secret.value) shown = shown.split(secret.value).join(`$${secret.envName}`);
    parts.push('-H', shown === header ? shellQuote(header) : `"${shown.replace(/["\\`]/g, '\\$&')}"`);
  }
  return parts.join(' ');
}

function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`;
}
