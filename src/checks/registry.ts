import { allowHeader } from './allow-header.ts';
import { authEnforced } from './auth-enforced.ts';
import { availableAfterCreate } from './available-after-create.ts';
import { contentTypeDocumented } from './content-type-documented.ts';
import { createStatusDocumented } from './create-status-documented.ts';
import { missingRequiredHeader } from './missing-required-header.ts';
import { negativeDataRejected } from './negative-data-rejected.ts';
import { noBodyOn204 } from './no-body-on-204.ts';
import { notAServerError } from './not-a-server-error.ts';
import { nullCollection } from './null-collection.ts';
import { positiveDataAccepted } from './positive-data-accepted.ts';
import { responseBodyLimit } from './response-body-limit.ts';
import { responseHeaders } from './response-headers.ts';
import { responseSchema } from './response-schema.ts';
import { responseTime } from './response-time.ts';
import { statusCodeDocumented } from './status-code-documented.ts';
import { textPlain404 } from './text-plain-404.ts';
import type { CheckDefinition } from './types.ts';
import { undeclaredMethod } from './undeclared-method.ts';
import { undocumentedRedirect } from './undocumented-redirect.ts';
import { useAfterDelete } from './use-after-delete.ts';

/**
 * Every check, keyed by name, in the order they run and are listed. Config
 * enables, disables and configures checks by these names.
 */
export const checkRegistry: ReadonlyMap<string, CheckDefinition> = buildRegistry([
  // Response conformance (every response).
  notAServerError,
  statusCodeDocumented,
  contentTypeDocumented,
  responseHeaders,
  responseSchema,
  // What the case meant (CaseMeta.expectation).
  negativeDataRejected,
  positiveDataAccepted,
  missingRequiredHeader,
  undeclaredMethod,
  allowHeader,
  useAfterDelete,
  availableAfterCreate,
  createStatusDocumented,
  authEnforced,
  // Gin-specific.
  undocumentedRedirect,
  textPlain404,
  noBodyOn204,
  nullCollection,
  responseTime,
  responseBodyLimit,
]);

/** Builds a name -> check table; a duplicate or malformed name is our bug and throws at load. */
export function buildRegistry(definitions: CheckDefinition[]): ReadonlyMap<string, CheckDefinition> {
  const table = new Map<string, CheckDefinition>();
  for (const definition of definitions) {
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(definition.name)) {
      throw new Error(`check name "${definition.name}" must be kebab-case`);
    }
    if (table.has(definition.name)) throw new Error(`check "${definition.name}" is registered twice`);
    table.set(definition.name, definition);
  }
  return table;
}

/** The names, for config validation and --help. */
export const checkNames: readonly string[] = [...checkRegistry.keys()];
