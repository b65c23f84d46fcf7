/**
 * A small seeded PRNG (mulberry32) so that the same seed always yields the
 * same cases. Never Math.random: a finding must be reproducible from its seed.
 */
export interface Rng {
  /** Float in [0, 1). */
  next(): number;
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
}

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (probability) => next() < probability,
  };
}

/** FNV-1a over the parts: one independent stream per (seed, operation, phase). */
export function deriveSeed(seed: number, ...parts: string[]): number {
  let hash = 0x811c9dc5 ^ (seed >>> 0);
  for (const ch of parts.join('\u0000')) {
    hash ^= ch.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** Short stable hex id of the parts (replay ids). */
export function shortHash(...parts: string[]): string {
  const a = deriveSeed(1, ...parts)
    .toString(16)
    .padStart(8, '0');
  const b = deriveSeed(2, ...parts)
    .toString(16)
    .padStart(8, '0');
  return (a + b).slice(0, 12);
}
