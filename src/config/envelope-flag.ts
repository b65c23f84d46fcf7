import { TollgateError } from '../errors/tollgate-error.ts';
import type { Envelope } from './types.ts';

const usage = 'use --envelope code=/code,ok=0,message=/msg,data=/data (several ok codes: ok=0|200)';

/** Parses `--envelope code=/code,ok=0,message=/msg,data=/data` into an envelope. */
export function parseEnvelopeFlag(text: string): Envelope {
  const fields = new Map<string, string>();
  for (const part of text.split(',')) {
    const [key, ...rest] = part.split('=');
    const name = key.trim();
    if (!['code', 'ok', 'message', 'data'].includes(name) || rest.length === 0)
      throw new TollgateError(
        'TG_USAGE',
        `--envelope: "${part}" is not one of code=, ok=, message=, data=; ${usage}`,
      );
    fields.set(name, rest.join('=').trim());
  }
  const pointer = (name: string) => {
    const value = fields.get(name);
    if (value !== undefined && !value.startsWith('/'))
      throw new TollgateError(
        'TG_USAGE',
        `--envelope: ${name} must be a JSON pointer like /${name}, got "${value}"; ${usage}`,
      );
    return value;
  };
  const code = pointer('code');
  const ok = fields.get('ok');
  if (code === undefined || ok === undefined || ok === '')
    throw new TollgateError('TG_USAGE', `--envelope needs code= and ok=, got "${text}"; ${usage}`);
  const message = pointer('message');
  const data = pointer('data');
  return {
    code,
    ok: ok.split('|').map((v) => (/^-?\d+$/.test(v.trim()) ? Number(v) : v.trim())),
    ...(message ? { message } : {}),
    ...(data ? { data } : {}),
  };
}
