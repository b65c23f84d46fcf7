/**
 * The known names closest to a typo (edit distance at most a third of the
 * word, at least 2), best first: `getAlbun` -> `getAlbum`. Pure.
 */
export function closestNames(wanted: string, known: string[], max = 3): string[] {
  const w = wanted.toLowerCase();
  const limit = Math.max(2, Math.floor(w.length / 3));
  return known
    .map((name) => ({ name, d: distance(w, name.toLowerCase()) }))
    .filter((c) => c.d <= limit || c.name.toLowerCase().includes(w))
    .sort((a, b) => a.d - b.d || a.name.localeCompare(b.name))
    .slice(0, max)
    .map((c) => c.name);
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length];
}
