/**
 * Why a user's TypeScript module (config or load profile) failed to load, on
 * one line and whole. esbuild's syntax errors arrive as
 * `Transform failed with 1 error:\n<file>:<line>:<col>: ERROR: <message>`:
 * the first line alone would drop the file, the line and the message.
 */
export function moduleErrorMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const lines = error.message.split('\n').filter((line) => line.trim() !== '');
  if (/^Transform failed with \d+ errors?:?$/.test(lines[0] ?? '') && lines.length > 1) {
    return lines
      .slice(1)
      .map((line) => line.replace(/: ERROR: /, ': '))
      .join('; ');
  }
  const first = lines[0] ?? error.name;
  // A runtime error thrown while the module ran (a typo'd import, a bad env read) names where it was thrown.
  const at = /\((file:\/\/[^)]+|\/[^)]+)\)/.exec(error.stack?.split('\n')[1] ?? '')?.[1];
  return at && !first.includes(at) ? `${first} (at ${at.replace(/^file:\/\//, '')})` : first;
}
