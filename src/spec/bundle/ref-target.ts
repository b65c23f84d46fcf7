import { parsePointer, toPointer } from '../json-pointer.ts';
import { resolveLocation } from '../read-source.ts';

/** `../common.yaml#/components/schemas/Id` read from `file` -> the absolute location and the fragment. */
export function splitRef(ref: string, base: string): { location: string; fragment: string } {
  const hash = ref.indexOf('#');
  const filePart = hash === -1 ? ref : ref.slice(0, hash);
  return {
    location: filePart === '' ? base : resolveLocation(filePart, base),
    fragment: hash === -1 ? '' : ref.slice(hash + 1),
  };
}

/** One identity per target, however the ref spells it: absolute location + pointer. */
export function targetKey(ref: string, base: string): string {
  const { location, fragment } = splitRef(ref, base);
  return keyOf(location, fragment);
}

/** The identity of a target already split into its file and pointer. */
export function keyOf(location: string, fragment: string): string {
  return `${location}#${toPointer(parsePointer(fragment))}`;
}

/** `#/components/schemas/Album` in the root: a ref standing in its own component slot fills that slot. */
export function slotName(at: string, home: string[]): string | undefined {
  const segments = parsePointer(at);
  const isSlot = segments.length === home.length + 1 && home.every((s, i) => segments[i] === s);
  return isSlot ? segments[home.length] : undefined;
}
