import { type Document, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
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
 * More aliases than this in one YAML file is refused: a "billion laughs" file
 * of a few hundred bytes expands to gigabytes. Real specs use a handful.
 */
const maxAliasCount = 10_000;

/**
 * Parses YAML or JSON. JSON goes through `JSON.parse` first (a 50 MB spec
 * parses in well under a second instead of building a YAML syntax tree of
 * several GB); the YAML tree is built only when a later error needs a line,
 * or when the text is not JSON. A syntax error is TG_SPEC_SYNTAX with
 * `file:line:col`.
 */
export function parseSource(source: SourceText): ParsedFile {
  const json = parseJson(source.text);
  if (json !== undefined) {
    let tree: ReturnType<typeof parseTree> | undefined;
    return {
      location: source.location,
      value: json.value,
      lineOf(pointer) {
        tree ??= parseTree(source);
        return lineIn(tree, pointer);
      },
    };
  }
  const tree = parseTree(source);
  let value: unknown;
  try {
    value = tree.doc.toJS({ maxAliasCount });
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    throw new TollgateError(
      'TG_SPEC_SYNTAX',
      `${displayLocation(source.location)}: more than ${maxAliasCount} YAML alias expansions (a "billion laughs" alias bomb?)`,
      { hint: 'write the repeated parts once and point at them with $ref', cause: error },
    );
  }
  return { location: source.location, value, lineOf: (pointer) => lineIn(tree, pointer) };
}

function parseJson(text: string): { value: unknown } | undefined {
  if (!/^\s*[{[]/.test(text)) return undefined;
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined; // the YAML parser names the line of the error
  }
}

function parseTree(source: SourceText): { doc: Document.Parsed; lineCounter: LineCounter } {
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
  return { doc, lineCounter };
}

function lineIn(tree: ReturnType<typeof parseTree>, pointer: string): number | undefined {
  const node = findNode(tree.doc.contents as Node | null, parsePointer(pointer));
  const offset = node?.range?.[0];
  return offset === undefined ? undefined : tree.lineCounter.linePos(offset).line;
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
