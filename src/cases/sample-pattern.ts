import type { Rng } from './prng.ts';
import { GenerationProblem } from './schema-view.ts';

/**
 * Strings that match a JSON Schema `pattern`, for the regex subset specs use:
 * literals, `.`, classes (`[a-z]`, `[^x]`, `\d \w \s`), groups, alternation,
 * quantifiers (`* + ? {n} {n,m}`) and anchors. The result is checked with the
 * real RegExp; anything else becomes a GenerationProblem, never a silent guess.
 */
type Node =
  | { kind: 'chars'; options: string[] }
  | { kind: 'group'; alternatives: Node[][] }
  | { kind: 'repeat'; node: Node; min: number; max: number };

const printable = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));
const classes: Record<string, string[]> = {
  d: [...'0123456789'],
  w: [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_'],
  s: [' '],
  D: printable.filter((c) => !/\d/.test(c)),
  W: printable.filter((c) => !/\w/.test(c)),
  S: printable.filter((c) => c !== ' '),
};

export function samplePattern(pattern: string, minLength: number, maxLength: number, rng: Rng): string {
  const regex = new RegExp(pattern, 'u');
  let tree: Node[][];
  try {
    tree = parseAlternatives(pattern, { i: 0 });
  } catch {
    throw new GenerationProblem(`pattern ${pattern} uses regex features the generator does not support`);
  }
  for (let attempt = 0; attempt < 50; attempt++) {
    // Repeats draw up to 8 more than their minimum; later attempts stretch them towards minLength.
    const stretch = attempt < 10 ? 8 : 8 + minLength;
    let out = emit({ kind: 'group', alternatives: tree }, rng, stretch);
    const length = [...out].length;
    if (length < minLength && pattern.endsWith('*$')) out += 'a'.repeat(minLength - length);
    const n = [...out].length;
    if (regex.test(out) && n >= minLength && n <= maxLength) return out;
  }
  const limits = [
    minLength > 0 ? `minLength ${minLength}` : '',
    Number.isFinite(maxLength) ? `maxLength ${maxLength}` : '',
  ].filter(Boolean);
  throw new GenerationProblem(
    `no string matching pattern ${pattern}${limits.length ? ` within ${limits.join(' and ')}` : ''} found`,
  );
}

function emit(node: Node, rng: Rng, stretch: number): string {
  if (node.kind === 'chars') return rng.pick(node.options);
  if (node.kind === 'group')
    return rng
      .pick(node.alternatives)
      .map((n) => emit(n, rng, stretch))
      .join('');
  const count = rng.int(node.min, Math.min(node.max, node.min + stretch));
  return Array.from({ length: count }, () => emit(node.node, rng, stretch)).join('');
}

function parseAlternatives(p: string, pos: { i: number }): Node[][] {
  const alternatives: Node[][] = [[]];
  while (pos.i < p.length) {
    const ch = p[pos.i];
    if (ch === ')') break;
    pos.i++;
    const seq = alternatives[alternatives.length - 1];
    if (ch === '|') alternatives.push([]);
    else if (ch === '^' || ch === '$') continue;
    else if (ch === '(') {
      if (p.startsWith('?:', pos.i)) pos.i += 2;
      else if (p[pos.i] === '?') throw new Error('lookaround');
      seq.push({ kind: 'group', alternatives: parseAlternatives(p, pos) });
      if (p[pos.i++] !== ')') throw new Error('unclosed group');
    } else if (ch === '[') seq.push(parseClass(p, pos));
    else if (ch === '\\') seq.push({ kind: 'chars', options: classOf(p[pos.i++]) });
    else if (ch === '.') seq.push({ kind: 'chars', options: classes.w });
    else if ('*+?{'.includes(ch)) {
      const last = seq.pop();
      if (!last) throw new Error('dangling quantifier');
      seq.push(quantify(last, ch, p, pos));
    } else seq.push({ kind: 'chars', options: [ch] });
  }
  return alternatives;
}

function quantify(node: Node, ch: string, p: string, pos: { i: number }): Node {
  if (p[pos.i] === '?') pos.i++; // lazy: same strings
  if (ch === '*') return { kind: 'repeat', node, min: 0, max: Number.POSITIVE_INFINITY };
  if (ch === '+') return { kind: 'repeat', node, min: 1, max: Number.POSITIVE_INFINITY };
  if (ch === '?') return { kind: 'repeat', node, min: 0, max: 1 };
  const close = p.indexOf('}', pos.i);
  const [lo, hi] = p.slice(pos.i, close).split(',');
  pos.i = close + 1;
  const min = Number(lo);
  const max = hi === undefined ? min : hi === '' ? Number.POSITIVE_INFINITY : Number(hi);
  if (!Number.isInteger(min) || !(Number.isInteger(max) || max === Number.POSITIVE_INFINITY))
    throw new Error('bad quantifier');
  return { kind: 'repeat', node, min, max };
}

function classOf(ch: string): string[] {
  return classes[ch] ?? [ch];
}

function parseClass(p: string, pos: { i: number }): Node {
  const negate = p[pos.i] === '^';
  if (negate) pos.i++;
  const set = new Set<string>();
  while (pos.i < p.length && p[pos.i] !== ']') {
    let ch = p[pos.i++];
    if (ch === '\\') {
      const escaped = classOf(p[pos.i++]);
      if (escaped.length > 1) {
        for (const c of escaped) set.add(c);
        continue;
      }
      ch = escaped[0];
    }
    if (p[pos.i] === '-' && p[pos.i + 1] !== ']' && pos.i + 1 < p.length) {
      const end = p[pos.i + 1] === '\\' ? p[pos.i + 2] : p[pos.i + 1];
      pos.i += p[pos.i + 1] === '\\' ? 3 : 2;
      for (let c = ch.codePointAt(0)!; c <= end.codePointAt(0)!; c++) set.add(String.fromCodePoint(c));
    } else set.add(ch);
  }
  pos.i++;
  const options = negate ? printable.filter((c) => !set.has(c)) : [...set];
  if (!options.length) throw new Error('empty class');
  return { kind: 'chars', options };
}
