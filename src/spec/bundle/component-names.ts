/**
 * Names for schemas bundled in from other files. They must be valid
 * component keys (`^[a-zA-Z0-9._-]+$`), stable from run to run (they end up
 * in generated TypeScript) and never clash with a name already taken.
 */
export class ComponentNames {
  readonly #taken = new Set<string>();

  constructor(existing: Iterable<string>) {
    for (const name of existing) this.#taken.add(name);
  }

  /** Reserves and returns a free name derived from the target's pointer or file name. */
  claim(fragment: string, location: string): string {
    const base = sanitize(baseName(fragment, location)) || 'Schema';
    let name = base;
    for (let n = 2; this.#taken.has(name); n++) name = `${base}_${n}`;
    this.#taken.add(name);
    return name;
  }
}

/** The last pointer segment (`#/components/schemas/Album` -> `Album`), else the file name without extension. */
function baseName(fragment: string, location: string): string {
  const segments = fragment.split('/').filter(Boolean);
  const last = segments[segments.length - 1];
  if (last !== undefined && !/^\d+$/.test(last)) return last.replaceAll('~1', '_').replaceAll('~0', '_');
  const file = location.split(/[\\/]/).pop() ?? '';
  return file.replace(/\.(ya?ml|json)$/i, '');
}

function sanitize(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '_');
}
