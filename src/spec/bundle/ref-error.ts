import { TollgateError } from '../../errors/tollgate-error.ts';
import { childPointer } from '../json-pointer.ts';
import type { ParsedFile } from '../parse-source.ts';
import { displayLocation } from '../read-source.ts';

/** TG_SPEC_REF naming the file, the pointer where the `$ref` stands, its line, the target and why it failed. */
export function refError(file: ParsedFile, at: string, ref: string, reason: string, cause?: unknown): never {
  const line = file.lineOf(childPointer(at, '$ref'));
  throw new TollgateError(
    'TG_SPEC_REF',
    `${displayLocation(file.location)}${at}${line === undefined ? '' : ` (line ${line})`}: cannot resolve $ref "${ref}": ${reason}`,
    { cause },
  );
}

/** Why a referenced file could not be read; any other error in it (a syntax error) propagates as is. */
export function messageOf(error: unknown): string {
  if (error instanceof TollgateError && error.code !== 'TG_SPEC_NOT_FOUND') throw error;
  return error instanceof Error ? error.message.replace(/^cannot (read|fetch) spec /, '') : String(error);
}

/** TG_SPEC_REMOTE_REF: a `$ref` to another host, which is fetched only when the user allows it. */
export function remoteRefError(file: ParsedFile, at: string, ref: string): never {
  const line = file.lineOf(childPointer(at, '$ref'));
  throw new TollgateError(
    'TG_SPEC_REMOTE_REF',
    `${displayLocation(file.location)}${at}${line === undefined ? '' : ` (line ${line})`}: $ref "${ref}" is on the network; tollgate fetches remote refs only with --allow-remote-refs`,
  );
}
