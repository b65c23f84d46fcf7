import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TollgateError } from '../errors/tollgate-error.ts';

/** A spec file's text and where it came from: an absolute path or an http(s) URL. */
export interface SourceText {
  location: string;
  text: string;
}

export function isUrl(location: string): boolean {
  return /^https?:\/\//i.test(location);
}

/** Resolves `ref` (a path or URL, no fragment) against the file that contains it. */
export function resolveLocation(ref: string, base: string): string {
  if (isUrl(ref)) return ref;
  if (ref.startsWith('file:')) return fileURLToPath(ref);
  if (isUrl(base)) return new URL(ref, base).href;
  return isAbsolute(ref) ? ref : resolve(base, '..', ref);
}

/** A location as messages show it: relative to cwd when inside it. */
export function displayLocation(location: string, cwd = process.cwd()): string {
  if (isUrl(location)) return location;
  const rel = relative(cwd, location);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : location;
}

/** Reads a local file or fetches a URL; a missing file or a non-2xx answer is TG_SPEC_NOT_FOUND. */
export async function readSource(location: string): Promise<SourceText> {
  if (isUrl(location)) return { location, text: await fetchText(location) };
  try {
    return { location, text: await readFile(location, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : String(code);
    throw new TollgateError('TG_SPEC_NOT_FOUND', `cannot read spec ${displayLocation(location)}: ${reason}`, {
      cause: error,
    });
  }
}

async function fetchText(url: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept: 'application/yaml, application/json;q=0.9, */*;q=0.5' },
    });
  } catch (error) {
    const reason = (error as Error & { cause?: Error }).cause?.message ?? (error as Error).message;
    throw new TollgateError('TG_SPEC_NOT_FOUND', `cannot fetch spec ${url}: ${reason}`, {
      cause: error,
    });
  }
  if (!response.ok) {
    throw new TollgateError('TG_SPEC_NOT_FOUND', `cannot fetch spec ${url}: HTTP ${response.status}`);
  }
  return response.text();
}
