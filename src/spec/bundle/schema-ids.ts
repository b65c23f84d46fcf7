import { pathToFileURL } from 'node:url';
import { childPointer, getAtPointer, isObject } from '../json-pointer.ts';
import type { ParsedFile } from '../parse-source.ts';
import { isUrl } from '../read-source.ts';

/** Literal data: an `$id` key inside is a value, not an identifier. */
const literalKeys = new Set(['example', 'examples', 'default', 'enum', 'const', 'value']);
/** Maps whose keys are user-chosen names (a property may be called `$id`). */
const nameMaps = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'schemas']);

interface Place {
  location: string;
  /** JSON pointer inside the file, without `#` (`/components/schemas/Album`). */
  pointer: string;
}

/**
 * OpenAPI 3.1 schemas are JSON Schema 2020-12: a schema's `$id` gives it a URI
 * and changes the base that refs inside it resolve against, and `$anchor`
 * names a schema by a plain fragment (`#album`). This index, built from the
 * files as they are read, maps those URIs to where the schema stands, so a
 * `$ref` to them resolves inside the document. An `$id` is a name, not an
 * address: nothing here reads the network.
 */
export class SchemaIds {
  readonly #resources = new Map<string, Place>();
  readonly #anchors = new Map<string, Place>();
  /** Per file: where an `$id` changes the base URI, and to what. */
  readonly #scopes = new Map<string, { pointer: string; base: string }[]>();
  readonly #files = new Map<string, ParsedFile>();

  add(file: ParsedFile): void {
    if (this.#files.has(file.location)) return;
    this.#files.set(file.location, file);
    const scopes: { pointer: string; base: string }[] = [];
    this.#scopes.set(file.location, scopes);
    const visit = (value: unknown, at: string, base: string, inNameMap: boolean) => {
      if (Array.isArray(value)) {
        for (const [i, item] of value.entries()) visit(item, childPointer(at, i), base, false);
        return;
      }
      if (!isObject(value)) return;
      let here = base;
      if (!inNameMap && typeof value.$id === 'string') {
        const uri = parse(value.$id, base);
        if (uri) {
          uri.hash = '';
          here = uri.href;
          this.#resources.set(here, { location: file.location, pointer: at.slice(1) });
          scopes.push({ pointer: at, base: here });
        }
      }
      if (!inNameMap && typeof value.$anchor === 'string')
        this.#anchors.set(`${here}#${value.$anchor}`, { location: file.location, pointer: at.slice(1) });
      for (const [key, child] of Object.entries(value)) {
        if (!inNameMap && (literalKeys.has(key) || key.startsWith('x-'))) continue;
        visit(child, childPointer(at, key), here, !inNameMap && nameMaps.has(key));
      }
    };
    visit(file.value, '#', baseOf(file.location), false);
  }

  /**
   * Where `ref`, standing at `at` in `file`, points when it names a schema by
   * its `$id` or `$anchor` (or is a pointer inside such a schema); undefined
   * for an ordinary ref, which is then read as a file path or URL.
   */
  resolve(ref: string, file: ParsedFile, at: string): { location: string; fragment: string } | undefined {
    if (this.#resources.size === 0 && this.#anchors.size === 0) return undefined;
    const uri = parse(ref, this.#baseAt(file, at));
    if (!uri) return undefined;
    const hash = safeDecode(uri.hash.slice(1));
    uri.hash = '';
    if (hash !== '' && !hash.startsWith('/')) {
      const anchor = this.#anchors.get(`${uri.href}#${hash}`);
      return anchor && { location: anchor.location, fragment: anchor.pointer };
    }
    const resource = this.#resources.get(uri.href);
    if (!resource) return undefined;
    const fragment = resource.pointer + hash;
    // `#/components/...` written inside an `$id` schema usually means the document: fall back to that
    const holder = this.#files.get(resource.location);
    if (hash && holder && getAtPointer(holder.value, `#${fragment}`) === undefined) return undefined;
    return { location: resource.location, fragment };
  }

  #baseAt(file: ParsedFile, at: string): string {
    let base = baseOf(file.location);
    let depth = -1;
    for (const scope of this.#scopes.get(file.location) ?? []) {
      const inside = at === scope.pointer || at.startsWith(`${scope.pointer}/`);
      if (inside && scope.pointer.length > depth) {
        base = scope.base;
        depth = scope.pointer.length;
      }
    }
    return base;
  }
}

/** Whether a bundled schema should keep this key: `$id` and `$anchor` are gone once every ref is a pointer. */
export function isIdentifierKey(key: string): boolean {
  return key === '$id' || key === '$anchor';
}

function baseOf(location: string): string {
  return isUrl(location) ? location : pathToFileURL(location).href;
}

function parse(ref: string, base: string): URL | undefined {
  try {
    return new URL(ref, base);
  } catch {
    return undefined;
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
