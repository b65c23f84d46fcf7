import { view } from '../cases/schema-view.ts';
import type { Envelope, UserAuth } from '../config/types.ts';
import type { LoadedSpec, SchemaObject } from '../spec/types.ts';

/** What the spec says about credentials and an answer envelope, for the config `init` writes. */
export interface Conventions {
  auth?: UserAuth;
  envelope?: Envelope;
  reasons: string[];
}

const codeNames = /^(code|errcode|err_code|retcode|ret_code|status_code)$/i;
const messageNames = /^(msg|message|errmsg|err_msg)$/i;
const dataNames = /^(data|result|payload)$/i;

interface SecurityScheme {
  type?: string;
  scheme?: string;
  in?: string;
  name?: string;
  description?: string;
}

/** Credentials from the first security scheme the operations use; an envelope from the 200 schemas. */
export function detectConventions(spec: LoadedSpec): Conventions {
  const reasons: string[] = [];
  const auth = authFor(spec, reasons);
  const envelope = envelopeFor(spec, reasons);
  return { ...(auth ? { auth } : {}), ...(envelope ? { envelope } : {}), reasons };
}

function authFor(spec: LoadedSpec, reasons: string[]): UserAuth | undefined {
  const schemes = ((spec.document.components as Record<string, unknown> | undefined)?.securitySchemes ??
    {}) as Record<string, SecurityScheme>;
  const used = spec.operations.flatMap((op) => op.security.flatMap((s) => Object.keys(s)));
  const name = used.find((n) => schemes[n]);
  const scheme = name ? schemes[name] : undefined;
  if (!scheme) return undefined;
  const token = { env: 'TOLLGATE_TOKEN' };
  if (scheme.type === 'http' && scheme.scheme?.toLowerCase() === 'bearer') {
    reasons.push(`auth: ${name} is HTTP bearer; the token comes from $TOLLGATE_TOKEN`);
    return { bearer: token };
  }
  if (scheme.type === 'http' && scheme.scheme?.toLowerCase() === 'basic') {
    reasons.push(`auth: ${name} is HTTP basic; from $TOLLGATE_USER and $TOLLGATE_PASSWORD`);
    return { basic: { username: { env: 'TOLLGATE_USER' }, password: { env: 'TOLLGATE_PASSWORD' } } };
  }
  if (scheme.type === 'apiKey' && scheme.name) {
    // swag cannot declare bearer in Swagger 2.0: Gin projects write an apiKey named Authorization.
    if (scheme.in === 'header' && scheme.name.toLowerCase() === 'authorization') {
      reasons.push(`auth: ${name} is the Authorization header (swag's bearer); "Bearer $TOLLGATE_TOKEN"`);
      return { bearer: token };
    }
    reasons.push(`auth: ${name} is the API key ${scheme.in} ${scheme.name}; from $TOLLGATE_TOKEN`);
    return scheme.in === 'query'
      ? { apiKey: { query: scheme.name, value: token } }
      : { apiKey: { header: scheme.name, value: token } };
  }
  reasons.push(`auth: ${name} is ${scheme.type}, which init does not configure; add environments.*.auth`);
  return undefined;
}

function envelopeFor(spec: LoadedSpec, reasons: string[]): Envelope | undefined {
  const bodies = spec.operations
    .map((op) => op.responses['200']?.content['application/json']?.schema)
    .filter((schema): schema is SchemaObject => schema !== undefined);
  if (bodies.length < 2) return undefined;
  const shapes = bodies.map((schema) => envelopeShape(spec.document, schema));
  const first = shapes.find((s) => s !== undefined);
  const alike = shapes.filter((s) => s && first && s.code === first.code && s.data === first.data);
  if (!first || alike.length < bodies.length * 0.6) return undefined;
  reasons.push(
    `envelope: ${alike.length} of ${bodies.length} 200 answers are {${first.code}, ${first.message}, ${first.data}}; success code ${first.ok} ${first.okFromSpec ? "(the spec's example)" : '(a guess: check it)'}`,
  );
  return { code: `/${first.code}`, ok: [first.ok], message: `/${first.message}`, data: `/${first.data}` };
}

function envelopeShape(
  document: Record<string, unknown>,
  schema: SchemaObject,
): { code: string; message: string; data: string; ok: number; okFromSpec: boolean } | undefined {
  let properties: Record<string, SchemaObject>;
  try {
    properties = view(document, schema).properties;
  } catch {
    return undefined;
  }
  const keys = Object.keys(properties);
  const code = keys.find((k) => codeNames.test(k));
  const message = keys.find((k) => messageNames.test(k));
  const data = keys.find((k) => dataNames.test(k));
  if (!code || !message || !data) return undefined;
  const example = view(document, properties[code] as SchemaObject).schema.example;
  const okFromSpec = typeof example === 'number';
  return { code, message, data, ok: okFromSpec ? example : 0, okFromSpec };
}
