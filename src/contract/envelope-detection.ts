import type { CaseExpectation } from '../checks/types.ts';
import type { ResponseRecord } from '../http/types.ts';

const codeNames = /^(code|err_?code|errno|ret_?code|ret|status_?code|result_?code|status)$/i;
const messageNames = /^(msg|message|err_?msg|error|errmsg|desc)$/i;
const dataNames = /^(data|result|payload|body)$/i;
const rejectedExpectations = new Set<CaseExpectation>(['invalid', 'missing-header', 'unauthorized']);

interface FieldTally {
  count: number;
  valid: Map<number, number>;
  invalid: Map<number, number>;
}

/**
 * Notices envelope APIs (every answer 200 with `{code, msg, data}`) when no
 * envelope is configured: most 2xx bodies are objects sharing an integer
 * field whose usual value on valid requests differs from its usual value on
 * invalid ones. Yields one line suggesting the config.
 */
export class EnvelopeDetector {
  private successes = 0;
  private readonly integers = new Map<string, FieldTally>();
  private readonly strings = new Map<string, number>();
  private readonly keys = new Map<string, number>();

  observe(expectation: CaseExpectation, response: ResponseRecord): void {
    if (response.status < 200 || response.status >= 300) return;
    this.successes++;
    const body = response.json;
    if (body === null || typeof body !== 'object' || Array.isArray(body)) return;
    const side =
      expectation === 'valid' ? 'valid' : rejectedExpectations.has(expectation) ? 'invalid' : undefined;
    for (const [key, value] of Object.entries(body)) {
      this.keys.set(key, (this.keys.get(key) ?? 0) + 1);
      if (typeof value === 'string') this.strings.set(key, (this.strings.get(key) ?? 0) + 1);
      if (typeof value !== 'number' || !Number.isInteger(value)) continue;
      let tally = this.integers.get(key);
      if (!tally) {
        tally = { count: 0, valid: new Map(), invalid: new Map() };
        this.integers.set(key, tally);
      }
      tally.count++;
      if (side) tally[side].set(value, (tally[side].get(value) ?? 0) + 1);
    }
  }

  /** One line suggesting `contract.envelope`, or undefined when the answers do not look like an envelope. */
  suggestion(): string | undefined {
    if (this.successes < 4) return undefined;
    const most = (n: number) => n >= this.successes * 0.6;
    const candidates = [...this.integers.entries()]
      .filter(([, t]) => most(t.count))
      .sort(([a], [b]) => Number(codeNames.test(b)) - Number(codeNames.test(a)));
    for (const [code, tally] of candidates) {
      const ok = usual(tally.valid);
      const rejected = usual(tally.invalid);
      if (ok === undefined || rejected === undefined || ok === rejected) continue;
      // A code is a handful of constants; an id or a count varies with the resource.
      if (!dominant(tally.valid, ok) || !dominant(tally.invalid, rejected)) continue;
      const message = pick(this.strings, messageNames, most);
      const data = pick(this.keys, dataNames, () => true);
      const parts = [`code: '/${code}'`, `ok: [${ok}]`];
      const flag = [`code=/${code}`, `ok=${ok}`];
      for (const [name, key] of [
        ['message', message],
        ['data', data],
      ] as const) {
        if (!key) continue;
        parts.push(`${name}: '/${key}'`);
        flag.push(`${name}=/${key}`);
      }
      return `Most 2xx answers look like an envelope ("${code}" is ${ok} on valid requests, ${rejected} on invalid ones), so rejections may be judged as successes: set contract.envelope: { ${parts.join(', ')} } or pass --envelope ${flag.join(',')}`;
    }
    return undefined;
  }
}

function usual(values: Map<number, number>): number | undefined {
  let best: number | undefined;
  let bestCount = 0;
  for (const [value, count] of values) {
    if (count > bestCount) [best, bestCount] = [value, count];
  }
  return best;
}

function dominant(values: Map<number, number>, value: number): boolean {
  const total = [...values.values()].reduce((a, b) => a + b, 0);
  return values.size <= 10 && (values.get(value) ?? 0) >= total * 0.6;
}

function pick(
  counts: Map<string, number>,
  names: RegExp,
  enough: (n: number) => boolean,
): string | undefined {
  for (const [key, n] of counts) if (names.test(key) && enough(n)) return key;
  return undefined;
}
