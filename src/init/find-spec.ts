import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { TollgateError } from '../errors/tollgate-error.ts';

/**
 * Where Gin projects keep their API description, most common first: swag's
 * output (`swag init` writes docs/swagger.yaml and .json), then OpenAPI files
 * at the top, in api/ or in specs/.
 */
const specCandidates = [
  'docs/swagger.yaml',
  'docs/swagger.json',
  'openapi.yaml',
  'openapi.yml',
  'openapi.json',
  'swagger.yaml',
  'swagger.json',
  'api/openapi.yaml',
  'api/openapi.json',
  'docs/openapi.yaml',
  'docs/openapi.json',
];

/** The spec `tollgate init` builds on: the one asked for, else the first candidate that exists. */
export function findSpec(root: string, requested?: string): string {
  if (requested !== undefined) {
    if (!existsSync(join(root, requested)))
      throw new TollgateError('TG_SPEC_NOT_FOUND', `--spec ${requested}: no such file in ${root}`);
    return requested;
  }
  const found = specCandidates.find((file) => existsSync(join(root, file)));
  if (found) return found;
  const inSpecs = existsSync(join(root, 'specs'))
    ? readdirSync(join(root, 'specs')).find((f) => /\.(ya?ml|json)$/.test(f))
    : undefined;
  if (inSpecs) return `specs/${inSpecs}`;
  throw new TollgateError(
    'TG_INIT_NO_SPEC',
    `no API description in ${root}: looked for ${specCandidates.slice(0, 3).join(', ')}, … and specs/*.yaml`,
  );
}
