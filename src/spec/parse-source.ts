import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { TollgateError } from '../errors/tollgate-error.ts';
import { parsePointer } from './json-pointer.ts';
import { displayLocation, type SourceText } from './read-source.ts';

/** One parsed spec file: its plain JSON value and a way to find the line of any pointer in it. */
export interface ParsedFile {
  location: string;
  value: unknown;
  /** 1-based line of the node at `pointer`, when the file has it. */
  lineOf(pointer: string): number | undefined;
}

/**
 * Parses YAML or JSON (JSON is YAML 1.2) with the `yaml` package, keeping the
 * syntax tree so later errors can name a line. A syntax error is
 * TG_SPEC_SYNTAX with `file:line:col`.
 */
export function parseSource(source: SourceText): ParsedFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source.text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const pos = lineCounter.linePos(first.pos[0]);
    const reason = first.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    throw new TollgateError(
      'TG_SPEC_SYNTAX',
      `${displayLocation(source.location)}:${pos.line}:${pos.col}: ${reason}`,
    );
  }
  const value = doc.toJS({ maxAliasCount: 10_000 }) as unknown;
  return {
    location: source.location,
    value,
    lineOf(pointer) {
      const node = findNode(doc.contents as Node | null, parsePointer(pointer));
      const offset = node?.range?.[0];
      return offset === undefined ? undefined : lineCounter.linePos(offset).line;
    },
  };
}

/** Walks the syntax tree by pointer segments; map keys compare as strings (YAML `200:` is a number). */
function findNode(root: Node | null, segments: string[]): Node | undefined {
  let node: unknown = root;
  for (const [index, segment] of segments.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === segment);
      if (!pair) return undefined;
      // Point at the key's line: that is where a reader looks for `$ref:` or `paths:`.
      node = index === segments.length - 1 && isScalar(pair.key) ? pair.key : pair.value;
    } else if (isSeq(node)) {
      node = node.items[Number(segment)];
    } else {
      return undefined;
    }
  }
  return (node ?? undefined) as Node | undefined;
}
