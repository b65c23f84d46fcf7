import { resolve } from 'node:path';
import { TollgateError } from '../errors/tollgate-error.ts';
import { basePathOf } from './base-path.ts';
import { bundleRefs } from './bundle/bundle-refs.ts';
import { assertNoRefCycles } from './bundle/ref-cycles.ts';
import { detectVersion } from './detect-version.ts';
import { isObject } from './json-pointer.ts';
import { buildOperations } from './operations/build-operations.ts';
import { type ParsedFile, parseSource } from './parse-source.ts';
import { displayLocation, isUrl, readSource } from './read-source.ts';
import { convertSwagger2 } from './swagger2/convert-swagger2.ts';
import type { LoadedSpec } from './types.ts';

export interface LoadSpecOptions {
  /** Folder a relative `source` is resolved against. Default: process.cwd(). */
  cwd?: string;
  /**
   * Fetch `$ref`s to http(s) URLs (`--allow-remote-refs`). Default: false; a
   * spec read from a URL may still refer to files on its own origin.
   */
  allowRemoteRefs?: boolean;
}

/**
 * Reads an API description (a file path or http(s) URL; YAML or JSON;
 * Swagger 2.0, OpenAPI 3.0 or 3.1), bundles external `$ref`s in, converts
 * Swagger 2.0 to OpenAPI 3.0 and indexes the operations. Every problem with
 * the input is a TollgateError naming the file, the pointer and the line.
 */
export async function loadSpec(source: string, options: LoadSpecOptions = {}): Promise<LoadedSpec> {
  const location = isUrl(source) ? source : resolve(options.cwd ?? process.cwd(), source);
  const files = new Map<string, Promise<ParsedFile>>();
  const load = (at: string) => {
    let file = files.get(at);
    if (!file) {
      file = readSource(at).then(parseSource);
      files.set(at, file);
    }
    return file;
  };
  const root = await load(location);
  const version = detectVersion(root);
  requirePaths(root, version);
  const origin = isUrl(location) ? new URL(location).origin : undefined;
  const mayFetch = (url: string) => options.allowRemoteRefs === true || new URL(url).origin === origin;
  const bundled = await bundleRefs(root, version, load, mayFetch);
  const document = version === '2.0' ? convertSwagger2(bundled) : bundled;
  const info = isObject(document.info) ? document.info : {};
  return {
    source: location,
    version,
    dialect: version === '3.1' ? '3.1' : '3.0',
    title: typeof info.title === 'string' ? info.title : '',
    apiVersion: info.version === undefined ? '' : String(info.version),
    document,
    basePath: basePathOf(document),
    operations: inFile(root, version, () => {
      assertNoRefCycles(document);
      return buildOperations(document);
    }),
  };
}

/**
 * Index errors name a pointer into the bundled document (`#/paths/...: ...`);
 * this prefixes the file and, where the pointer exists in that file as
 * written (not for converted Swagger 2.0), its line.
 */
function inFile<T>(root: ParsedFile, version: LoadedSpec['version'], build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (!(error instanceof TollgateError) || !error.message.startsWith('#')) throw error;
    const pointer = error.message.slice(0, error.message.indexOf(':'));
    const line = version === '2.0' ? undefined : root.lineOf(pointer);
    const rest = error.message.slice(pointer.length);
    throw new TollgateError(
      error.code,
      `${displayLocation(root.location)}${pointer}${line === undefined ? '' : ` (line ${line})`}${rest}`,
      { hint: error.hint, cause: error },
    );
  }
}

/** 2.0 and 3.0 require `paths`; 3.1 also accepts a document with only webhooks or components. */
function requirePaths(root: ParsedFile, version: LoadedSpec['version']): void {
  const doc = root.value as Record<string, unknown>;
  if (isObject(doc.paths)) return;
  if (version === '3.1' && (isObject(doc.webhooks) || isObject(doc.components))) return;
  const line = doc.paths === undefined ? undefined : root.lineOf('#/paths');
  const got = doc.paths === undefined ? 'it is missing' : `got ${JSON.stringify(doc.paths)}`;
  const needs = version === '3.1' ? 'needs "paths", "webhooks" or "components"' : 'needs a "paths" object';
  throw new TollgateError(
    'TG_SPEC_INVALID',
    `${displayLocation(root.location)}#/paths${line === undefined ? '' : ` (line ${line})`}: the document ${needs}; ${got}`,
    { hint: 'add `paths: {}` with the API operations' },
  );
}
