import { isObject } from '../json-pointer.ts';
import { mapValues } from './schemas.ts';

const flowNames: Record<string, string> = {
  implicit: 'implicit',
  password: 'password',
  application: 'clientCredentials',
  accessCode: 'authorizationCode',
};

/** `securityDefinitions` (basic, apiKey, oauth2) as OpenAPI 3.0 `components.securitySchemes`. */
export function convertSecurityDefinitions(definitions: unknown): Record<string, unknown> {
  if (!isObject(definitions)) return {};
  return mapValues(definitions, (raw) => {
    const def = isObject(raw) ? raw : {};
    const description = typeof def.description === 'string' ? { description: def.description } : {};
    const extensions = Object.fromEntries(Object.entries(def).filter(([key]) => key.startsWith('x-')));
    if (def.type === 'basic') return { type: 'http', scheme: 'basic', ...description, ...extensions };
    if (def.type === 'apiKey')
      return { type: 'apiKey', name: def.name, in: def.in, ...description, ...extensions };
    if (def.type === 'oauth2') {
      const flow: Record<string, unknown> = { scopes: isObject(def.scopes) ? def.scopes : {} };
      if (def.authorizationUrl !== undefined) flow.authorizationUrl = def.authorizationUrl;
      if (def.tokenUrl !== undefined) flow.tokenUrl = def.tokenUrl;
      const name = flowNames[String(def.flow)] ?? 'implicit';
      return { type: 'oauth2', flows: { [name]: flow }, ...description, ...extensions };
    }
    return def;
  });
}
