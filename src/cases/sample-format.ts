import type { Rng } from './prng.ts';

/**
 * Values for the string formats ajv-formats checks. Returns undefined for a
 * format it does not know, and the caller falls back to plain text (the
 * validator then decides whether that was good enough).
 */
export function sampleFormat(format: string, rng: Rng): string | undefined {
  const hex = (n: number) => Array.from({ length: n }, () => rng.int(0, 15).toString(16)).join('');
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const date = () => `${rng.int(1970, 2037)}-${pad(rng.int(1, 12))}-${pad(rng.int(1, 28))}`;
  const time = () => `${pad(rng.int(0, 23))}:${pad(rng.int(0, 59))}:${pad(rng.int(0, 59))}`;
  const word = () =>
    Array.from({ length: rng.int(3, 8) }, () => String.fromCharCode(97 + rng.int(0, 25))).join('');
  switch (format) {
    case 'date-time':
      return `${date()}T${time()}Z`;
    case 'date':
      return date();
    case 'time':
      return `${time()}Z`;
    case 'email':
      return `${word()}@${word()}.example`;
    case 'uuid':
      return `${hex(8)}-${hex(4)}-4${hex(3)}-${rng.pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`;
    case 'uri':
    case 'url':
    case 'iri':
      return `https://${word()}.example/${word()}`;
    case 'uri-reference':
    case 'iri-reference':
      return `/${word()}/${word()}`;
    case 'hostname':
    case 'idn-hostname':
      return `${word()}.example`;
    case 'ipv4':
      return [rng.int(1, 223), rng.int(0, 255), rng.int(0, 255), rng.int(1, 254)].join('.');
    case 'ipv6':
      return `2001:db8::${hex(4)}`;
    case 'byte':
      return Buffer.from(word()).toString('base64');
    case 'int32':
    case 'int64':
      return String(rng.int(0, 1000));
    case 'duration':
      return `P${rng.int(1, 30)}D`;
    case 'password':
      return `pw-${word()}`;
    default:
      return undefined;
  }
}
