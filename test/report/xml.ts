/**
 * A tiny XML reader for tests: elements, attributes and text, with the five
 * predefined entities. Enough to parse JUnit back and count its structure; it
 * throws on anything malformed (unbalanced tags, bad entities), which is the point.
 */
export interface XmlNode {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  text: string;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '&') {
      out += text[i];
      continue;
    }
    const end = text.indexOf(';', i);
    const name = text.slice(i + 1, end);
    if (end < 0 || !(name in entities)) throw new Error(`bad entity at ${i}: ${text.slice(i, i + 10)}`);
    out += entities[name];
    i = end;
  }
  return out;
}

export function parseXml(xml: string): XmlNode {
  let i = 0;
  if (xml.startsWith('<?xml')) i = xml.indexOf('?>') + 2;
  const root: XmlNode = { name: '#root', attributes: {}, children: [], text: '' };
  const stack: XmlNode[] = [root];
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const top = stack[stack.length - 1];
    if (lt < 0) {
      if (xml.slice(i).trim()) throw new Error('text after the root element');
      break;
    }
    if (lt > i) {
      const raw = xml.slice(i, lt);
      if (raw.includes('>')) throw new Error(`unescaped > in text at ${i}`);
      top.text += decode(raw);
    }
    const gt = xml.indexOf('>', lt);
    if (gt < 0) throw new Error(`unclosed tag at ${lt}`);
    const tag = xml.slice(lt + 1, gt);
    i = gt + 1;
    if (tag.startsWith('/')) {
      const closed = stack.pop();
      if (!closed || closed.name !== tag.slice(1).trim())
        throw new Error(`mismatched </${tag.slice(1)}> at ${lt}`);
      continue;
    }
    const selfClosing = tag.endsWith('/');
    const body = selfClosing ? tag.slice(0, -1) : tag;
    const space = body.search(/\s/);
    const name = space < 0 ? body : body.slice(0, space);
    const node: XmlNode = {
      name,
      attributes: parseAttributes(space < 0 ? '' : body.slice(space)),
      children: [],
      text: '',
    };
    top.children.push(node);
    if (!selfClosing) stack.push(node);
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1].name}>`);
  if (root.children.length !== 1) throw new Error('expected exactly one root element');
  return root.children[0];
}

function parseAttributes(text: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i])) i++;
    if (i >= text.length) break;
    const eq = text.indexOf('=', i);
    const name = text.slice(i, eq).trim();
    if (text[eq + 1] !== '"') throw new Error(`attribute ${name} not double-quoted`);
    const end = text.indexOf('"', eq + 2);
    const value = text.slice(eq + 2, end);
    if (value.includes('<')) throw new Error(`unescaped < in attribute ${name}`);
    attributes[name] = decode(value);
    i = end + 1;
  }
  return attributes;
}

export function all(node: XmlNode, name: string): XmlNode[] {
  return node.children.flatMap((child) => [...(child.name === name ? [child] : []), ...all(child, name)]);
}
