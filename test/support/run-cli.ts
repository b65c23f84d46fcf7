import { execFile } from 'node:child_process';
import { resolve } from 'node:path';

const bin = resolve(import.meta.dirname, '../../bin/tollgate.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI as a child process (a shell pipeline when `pipeTo` is given). */
export function runCli(
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; pipeTo?: string } = {},
): Promise<CliResult> {
  const env = { ...process.env, NO_COLOR: '1', ...options.env };
  return new Promise((done) => {
    const callback = (error: Error | null, stdout: string, stderr: string) =>
      done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    if (options.pipeTo) {
      const quoted = ['node', bin, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
      // `pipefail` would report the reader's choice to stop; PIPESTATUS[0] is tollgate's own exit.
      const script = `${quoted} | ${options.pipeTo} >/dev/null; exit \${PIPESTATUS[0]}`;
      execFile('bash', ['-c', script], { cwd: options.cwd, env, timeout: 120_000 }, callback);
    } else {
      execFile(
        'node',
        [bin, ...args],
        { cwd: options.cwd, env, timeout: 120_000, maxBuffer: 64 << 20 },
        callback,
      );
    }
  });
}

/** The one line a user's mistake gives: exactly one line on stderr, no stack trace, no JS class name. */
export function oneLine(result: CliResult): string {
  const lines = result.stderr.trim().split('\n');
  if (lines.length !== 1) throw new Error(`expected one line on stderr, got:\n${result.stderr}`);
  if (/\n\s+at |\((TypeError|ReferenceError|RangeError|SyntaxError|Error)\)/.test(result.stderr)) {
    throw new Error(`a stack trace or a JavaScript error name reached the user:\n${result.stderr}`);
  }
  return lines[0];
}

/** The one `TG_` line of a run that printed progress before it failed (checked like `oneLine`). */
export function errorLine(result: CliResult): string {
  const stderr = result.stderr
    .split('\n')
    .filter((l) => l.startsWith('TG_'))
    .join('\n');
  return oneLine({ ...result, stderr });
}
