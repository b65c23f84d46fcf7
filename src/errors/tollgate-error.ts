import { type ErrorCode, errorCodes } from './codes.ts';
import type { ExitCodeValue } from './exit-codes.ts';

/**
 * An error caused by the user's input or environment. The CLI prints
 * `message` on one line (plus the hint) and exits with `exitCode`; any other
 * thrown error is our bug and gets a stack trace.
 */
export class TollgateError extends Error {
  readonly code: ErrorCode;
  readonly exitCode: ExitCodeValue;
  readonly hint: string;

  constructor(code: ErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'TollgateError';
    this.code = code;
    this.exitCode = errorCodes[code].exit;
    this.hint = options.hint ?? errorCodes[code].hint;
  }

  /** One line: `code: message (hint)`. */
  format(): string {
    return `${this.code}: ${this.message} (${this.hint})`;
  }
}

export function isTollgateError(error: unknown): error is TollgateError {
  return error instanceof TollgateError;
}
