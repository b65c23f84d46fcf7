import type { Envelope } from '../config/types.ts';
import { envelopeData, readEnvelope } from '../http/envelope.ts';

/**
 * Where a create's answer keeps the new resource, in the shapes Gin apps use:
 * the body itself (`{"id": 7}`), an envelope's data (`{"code": 0, "data":
 * {"id": 7}}`), or a single wrapper object named after the resource
 * (`{"article": {"slug": "…"}}`), and the wrapper inside an envelope.
 * Outermost first, so a top-level id wins over a nested one.
 */
export interface PayloadOptions {
  /** Path segment naming the collection (`articles`): the wrapper key may be its singular or itself. */
  resource?: string;
  /** The configured envelope (`contract.envelope`); without one, an envelope is detected. */
  envelope?: Envelope | false;
}

export interface Payload {
  value: Record<string, unknown>;
  /** JSON pointer of the payload in the body: '' for the body itself, `/data`, `/article`. */
  pointer: string;
}

const envelopeMarkers = ['code', 'msg', 'message', 'status', 'success', 'ok', 'error', 'errno'];

export function payloads(body: unknown, options: PayloadOptions = {}): Payload[] {
  const out: Payload[] = [];
  const configured = options.envelope ? options.envelope : undefined;
  const visit = (value: unknown, pointer: string, depth: number) => {
    if (!isObject(value) || depth > 2) return;
    out.push({ value, pointer });
    if (configured && depth === 0) {
      const data = envelopeData(configured, value);
      if (data !== value) visit(data, configured.data ?? '', depth + 1);
      return;
    }
    const data = detectedData(value);
    if (data !== undefined) visit(value[data], `${pointer}/${escapePointer(data)}`, depth + 1);
    const wrapper = wrapperKey(value, options.resource);
    if (wrapper !== undefined && wrapper !== data)
      visit(value[wrapper], `${pointer}/${escapePointer(wrapper)}`, depth + 1);
  };
  visit(body, '', 0);
  return out;
}

/**
 * Whether the answer is an envelope saying nothing was made, as admin
 * scaffolds answer a refused request with HTTP 200: by the configured
 * envelope's ok codes, else `{"code": 7, "msg": "…"}` with no or empty data.
 * Such an answer is no creation.
 */
export function isRefusal(body: unknown, envelope?: Envelope | false): boolean {
  if (envelope) return readEnvelope(envelope, body)?.ok === false;
  if (!isObject(body) || !envelopeMarkers.some((k) => k in body)) return false;
  const data = body.data;
  return data === undefined || data === null || (typeof data === 'object' && Object.keys(data).length === 0);
}

/** A detected envelope's data field: `data` beside a marker such as `code` or `msg`. */
function detectedData(value: Record<string, unknown>): string | undefined {
  if (!isObject(value.data)) return undefined;
  return envelopeMarkers.some((k) => k in value) || Object.keys(value).length === 1 ? 'data' : undefined;
}

/** The one object-valued key of a body named after the resource, or the body's only key. */
function wrapperKey(value: Record<string, unknown>, resource?: string): string | undefined {
  const keys = Object.keys(value);
  const objectKeys = keys.filter((k) => isObject(value[k]));
  if (resource) {
    const names = new Set([normalise(resource), normalise(singular(resource))]);
    const named = objectKeys.find((k) => names.has(normalise(k)));
    if (named) return named;
  }
  return keys.length === 1 && objectKeys.length === 1 ? objectKeys[0] : undefined;
}

/** `articles` -> `article`, `categories` -> `category`, `boxes` -> `box`. */
export function singular(word: string): string {
  if (/ies$/i.test(word)) return `${word.slice(0, -3)}y`;
  if (/(s|x|z|ch|sh)es$/i.test(word)) return word.slice(0, -2);
  if (/[^s]s$/i.test(word)) return word.slice(0, -1);
  return word;
}

/** Case and separators do not matter: Go's `ID`, `album_id` and `albumId` are one name. */
export function normalise(name: string): string {
  return name.toLowerCase().replace(/[-_]/g, '');
}

function escapePointer(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
