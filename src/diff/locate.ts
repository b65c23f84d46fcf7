import { getAtPointer, isObject, parsePointer, toPointer } from '../spec/json-pointer.ts';
import type { SpecVersion } from '../spec/types.ts';
import type { SpecLocation } from './types.ts';

/**
 * Names a pointer of the bundled (and, for Swagger 2.0, converted) document
 * in the file as written: the pointer mapped back to 2.0 where it moved
 * (`components/schemas` -> `definitions`, `requestBody` -> the body
 * parameter, `content/<type>` dropped), then the nearest ancestor the file
 * has, so there is always a line to look at.
 */
export function locator(
  display: string,
  version: SpecVersion,
  raw: unknown,
  lineOf: (pointer: string) => number | undefined,
): (pointer: string) => SpecLocation {
  return (pointer) => {
    const segments = version === '2.0' ? toSwagger2(raw, parsePointer(pointer)) : parsePointer(pointer);
    for (let n = segments.length; n >= 0; n--) {
      const at = toPointer(segments.slice(0, n));
      if (n > 0 && getAtPointer(raw, at) === undefined) continue;
      const line = lineOf(at);
      if (line !== undefined || n === 0) {
        const location: SpecLocation = { source: display, pointer: at };
        if (line !== undefined) location.line = line;
        return location;
      }
    }
    return { source: display, pointer };
  };
}

function toSwagger2(raw: unknown, segments: string[]): string[] {
  if (segments[0] === 'components' && segments[1] === 'schemas') return ['definitions', ...segments.slice(2)];
  if (segments[0] === 'components' && segments[1] === 'parameters')
    return ['parameters', ...segments.slice(2)];
  if (segments[0] !== 'paths') return segments;
  const out = segments.slice(0, 3);
  let rest = segments.slice(3);
  if (rest[0] === 'requestBody') {
    const params = getAtPointer(raw, toPointer([...out, 'parameters']));
    const index = Array.isArray(params)
      ? params.findIndex((p) => isObject(p) && (p.in === 'body' || p.in === 'formData'))
      : -1;
    out.push('parameters', String(Math.max(index, 0)));
    rest = rest.slice(1);
  }
  if (rest[0] === 'responses') {
    out.push(...rest.slice(0, 2));
    rest = rest.slice(2);
  }
  if (rest[0] === 'content') rest = rest.slice(2);
  return [...out, ...rest];
}
