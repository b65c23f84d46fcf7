import { readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { TollgateError } from '../errors/tollgate-error.ts';
import { loadSpec } from '../spec/load-spec.ts';
import { isUrl } from '../spec/read-source.ts';
import { renderClient } from './render-client.ts';

/** One client module, rendered in memory. */
export interface GeneratedFile {
  /** Spec name from the config: `albums`. */
  name: string;
  /** The spec's path or URL as given. */
  spec: string;
  /** Absolute path of the module: `<generatedDir>/<name>.ts`. */
  path: string;
  content: string;
}

export interface GenerateOptions {
  /** Folder that labels in headers and messages are relative to (the config's root). */
  root: string;
  /** Where the modules go (absolute or relative to root). */
  outDir: string;
  /** Fetch `$ref`s to http(s) URLs (the config's `allowRemoteRefs`). Default: false. */
  allowRemoteRefs?: boolean;
}

/**
 * Renders `<outDir>/<name>.ts` for every named spec, in name order so output
 * and messages are stable. Nothing is written: see `writeGenerated` and
 * `findStale`.
 */
export async function generateClients(
  specs: Record<string, string>,
  options: GenerateOptions,
): Promise<GeneratedFile[]> {
  const outDir = isAbsolute(options.outDir) ? options.outDir : join(options.root, options.outDir);
  const files: GeneratedFile[] = [];
  for (const name of Object.keys(specs).sort()) {
    assertModuleName(name);
    const source = specs[name];
    const spec = await loadSpec(source, { cwd: options.root, allowRemoteRefs: options.allowRemoteRefs });
    const content = await renderClient(spec, labelOf(spec.source, options.root));
    files.push({ name, spec: source, path: join(outDir, `${name}.ts`), content });
  }
  return files;
}

/** A spec's location as the header shows it: relative to the root, with `/`, so it is the same on every machine. */
export function labelOf(location: string, root: string): string {
  if (isUrl(location)) return location;
  const rel = relative(root, location);
  return (rel.startsWith('..') || isAbsolute(rel) ? location : rel).split(sep).join('/');
}

/** The module's path relative to the root, for messages. */
export function displayPath(file: GeneratedFile, root: string): string {
  return labelOf(file.path, root);
}

/** Reads the committed module, undefined when it does not exist. */
export async function readCommitted(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function assertModuleName(name: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) {
    // A spec name becomes a file name; anything else could write outside the folder.
    throw new TollgateError(
      'TG_CONFIG_INVALID',
      `specs.${name}: a spec name becomes a file name and must match [A-Za-z0-9._-]`,
    );
  }
}
