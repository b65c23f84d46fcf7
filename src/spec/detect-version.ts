import { TollgateError } from '../errors/tollgate-error.ts';
import { isObject } from './json-pointer.ts';
import type { ParsedFile } from './parse-source.ts';
import { displayLocation } from './read-source.ts';
import type { SpecVersion } from './types.ts';

/**
 * Which description format a parsed file is, from its `openapi` or `swagger`
 * field. Anything else is not an API description (TG_SPEC_NOT_API) or a
 * version tollgate does not read (TG_SPEC_VERSION).
 */
export function detectVersion(file: ParsedFile): SpecVersion {
  const where = displayLocation(file.location);
  const doc = file.value;
  if (!isObject(doc)) {
    const got =
      doc === null || doc === undefined
        ? 'an empty document'
        : `a ${Array.isArray(doc) ? 'list' : typeof doc}`;
    throw new TollgateError('TG_SPEC_NOT_API', `${where} is ${got}, not an OpenAPI or Swagger object`);
  }
  const line = (pointer: string) => {
    const n = file.lineOf(pointer);
    return n === undefined ? '' : ` (line ${n})`;
  };
  if (typeof doc.openapi === 'number' || typeof doc.swagger === 'number') {
    const field = typeof doc.openapi === 'number' ? 'openapi' : 'swagger';
    throw new TollgateError(
      'TG_SPEC_VERSION',
      `${where}#/${field}${line(`#/${field}`)}: the version is the number ${doc[field]}, not a string`,
      { hint: `quote it: ${field}: "${field === 'openapi' ? '3.0.3' : '2.0'}"` },
    );
  }
  if (doc.openapi !== undefined) {
    const version = String(doc.openapi);
    if (/^3\.0(\.\d+)?(-.+)?$/.test(version)) return '3.0';
    if (/^3\.1(\.\d+)?(-.+)?$/.test(version)) return '3.1';
    throw new TollgateError(
      'TG_SPEC_VERSION',
      `${where}#/openapi${line('#/openapi')}: unsupported OpenAPI version "${version}"`,
    );
  }
  if (doc.swagger !== undefined) {
    const version = String(doc.swagger);
    if (version === '2.0') return '2.0';
    throw new TollgateError(
      'TG_SPEC_VERSION',
      `${where}#/swagger${line('#/swagger')}: unsupported Swagger version "${version}"`,
      { hint: 'convert it to OpenAPI 3 (tollgate reads Swagger 2.0, OpenAPI 3.0 and OpenAPI 3.1)' },
    );
  }
  const keys = Object.keys(doc).slice(0, 5).join(', ');
  throw new TollgateError(
    'TG_SPEC_NOT_API',
    `${where} has no "openapi" or "swagger" field at #/ (top-level keys: ${keys || 'none'})`,
  );
}
