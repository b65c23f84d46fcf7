/** Test helper: the value at a path of keys in parsed JSON, or undefined (keys may contain dots: `main.Album`). */
export function at(value: unknown, ...keys: (string | number)[]): unknown {
  let node = value;
  for (const key of keys) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}
