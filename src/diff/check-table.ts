import type { DiffLevel } from './types.ts';

/**
 * Every check `tollgate diff` runs, keyed by oasdiff's id, with oasdiff's
 * level (v1.37.0, `oasdiff checks changelog`). One table: findings name a
 * check from here, ignore files and docs list from here.
 */
export const diffChecks = {
  // endpoints
  'endpoint-added': ['INFO', 'an operation was added'],
  'api-path-removed-without-deprecation': ['ERR', 'a path was removed without being deprecated first'],
  'api-path-removed-before-sunset': ['ERR', 'a deprecated path was removed before its sunset date'],
  'api-path-removed-with-deprecation': ['INFO', 'a deprecated path was removed after its sunset'],
  'api-removed-without-deprecation': ['ERR', 'an operation was removed without being deprecated first'],
  'api-removed-before-sunset': ['ERR', 'a deprecated operation was removed before its sunset date'],
  'api-removed-with-deprecation': ['INFO', 'a deprecated operation was removed after its sunset'],
  'endpoint-deprecated': ['INFO', 'an operation became deprecated (no sunset date)'],
  'endpoint-deprecated-with-sunset': ['INFO', 'an operation became deprecated with a sunset date'],
  'endpoint-reactivated': ['INFO', 'a deprecated operation is no longer deprecated'],
  'api-deprecated-sunset-parse': ['ERR', 'an operation was deprecated with an x-sunset that is not a date'],
  'api-sunset-date-changed-earlier': ['ERR', "a deprecated operation's sunset date moved earlier"],
  // parameters
  'new-required-request-parameter': ['ERR', 'a required request parameter was added'],
  'new-optional-request-parameter': ['INFO', 'an optional request parameter was added'],
  'request-parameter-removed': ['WARN', 'a request parameter was removed'],
  'request-parameter-became-required': ['ERR', 'an optional request parameter became required'],
  'request-parameter-became-optional': ['INFO', 'a required request parameter became optional'],
  'request-parameter-deprecated': ['INFO', 'a request parameter became deprecated'],
  // request body
  'request-body-added-required': ['ERR', 'a required request body was added'],
  'request-body-added-optional': ['INFO', 'an optional request body was added'],
  'request-body-removed': ['ERR', 'the request body was removed'],
  'request-body-became-required': ['ERR', 'the request body became required'],
  'request-body-became-optional': ['INFO', 'the request body became optional'],
  'request-body-media-type-added': ['INFO', 'a request media type was added'],
  'request-body-media-type-removed': ['ERR', 'a request media type was removed'],
  'new-required-request-property': ['ERR', 'a required request property was added'],
  'new-optional-request-property': ['INFO', 'an optional request property was added'],
  'request-property-removed': ['WARN', 'a request property was removed'],
  'request-property-became-required': ['ERR', 'an optional request property became required'],
  'request-property-became-optional': ['INFO', 'a required request property became optional'],
  // responses
  'response-success-status-removed': ['ERR', 'a success (2xx) response status was removed'],
  'response-success-status-added': ['INFO', 'a success (2xx) response status was added'],
  'response-non-success-status-removed': ['INFO', 'a non-success response status was removed'],
  'response-non-success-status-added': ['INFO', 'a non-success response status was added'],
  'response-media-type-removed': ['ERR', 'a response media type was removed'],
  'response-media-type-added': ['INFO', 'a response media type was added'],
  'response-required-property-removed': ['ERR', 'a required response property was removed'],
  'response-optional-property-removed': ['INFO', 'an optional response property was removed'],
  'response-required-property-added': ['INFO', 'a required response property was added'],
  'response-optional-property-added': ['INFO', 'an optional response property was added'],
  'response-property-became-optional': ['ERR', 'a required response property became optional'],
  'response-property-became-required': ['INFO', 'an optional response property became required'],
  'response-property-became-nullable': ['ERR', 'a response property became nullable'],
  'response-body-became-nullable': ['ERR', 'the response body became nullable'],
  // security
  'api-security-added': ['INFO', 'a security requirement was added to an operation'],
  'api-security-removed': ['ERR', 'a security requirement was removed from an operation'],
  'api-security-scope-added': ['ERR', 'a scope was added to an operation security requirement'],
  'api-security-scope-removed': ['INFO', 'a scope was removed from an operation security requirement'],
  'api-security-anonymous-access-removed': ['ERR', 'an operation that needed no credentials now needs them'],
  'api-global-security-added': ['INFO', 'a security requirement was added to the document'],
  'api-global-security-removed': ['ERR', 'a security requirement was removed from the document'],
  'api-global-security-scope-added': ['ERR', 'a scope was added to a document security requirement'],
  'api-global-security-scope-removed': ['INFO', 'a scope was removed from a document security requirement'],
  ...schemaChecks('request-parameter', 'request'),
  ...schemaChecks('request-body', 'request'),
  ...schemaChecks('request-property', 'request'),
  ...schemaChecks('response-body', 'response'),
  ...schemaChecks('response-property', 'response'),
} satisfies Record<string, readonly [DiffLevel, string]> as Record<string, readonly [DiffLevel, string]>;

type Subject =
  | 'request-parameter'
  | 'request-body'
  | 'request-property'
  | 'response-body'
  | 'response-property';

/**
 * The schema-level checks of one subject. In a request a narrower schema
 * breaks clients (max decreased, enum value removed); in a response a wider
 * one does (max increased, enum value added). Same rule as oasdiff.
 */
function schemaChecks(
  subject: Subject,
  side: 'request' | 'response',
): Record<string, readonly [DiffLevel, string]> {
  const req = side === 'request';
  const narrow: DiffLevel = req ? 'ERR' : 'INFO';
  const widen: DiffLevel = req ? 'INFO' : 'ERR';
  const enumAdded =
    subject === 'response-body' ? 'response-mediatype-enum-value-added' : `${subject}-enum-value-added`;
  const enumRemoved =
    subject === 'response-body' ? 'response-mediatype-enum-value-removed' : `${subject}-enum-value-removed`;
  return {
    [`${subject}-type-changed`]: ['ERR', `the type or format of a ${subject.replace('-', ' ')} changed`],
    [enumAdded]: [widen, 'an enum value was added'],
    [enumRemoved]: [narrow, 'an enum value was removed'],
    [`${subject}-max-decreased`]: [narrow, 'maximum decreased'],
    [`${subject}-max-increased`]: [widen, 'maximum increased'],
    [`${subject}-max-set`]: [narrow, 'a maximum was set'],
    [`${subject}-max-unset`]: [widen, 'the maximum was removed'],
    [`${subject}-min-increased`]: [narrow, 'minimum increased'],
    [`${subject}-min-decreased`]: [widen, 'minimum decreased'],
    [`${subject}-min-set`]: [narrow, 'a minimum was set'],
    [`${subject}-min-unset`]: [widen, 'the minimum was removed'],
    [`${subject}-max-length-decreased`]: [narrow, 'maxLength decreased'],
    [`${subject}-max-length-increased`]: [widen, 'maxLength increased'],
    [`${subject}-max-length-set`]: [narrow, 'a maxLength was set'],
    [`${subject}-max-length-unset`]: [widen, 'the maxLength was removed'],
    [`${subject}-min-length-increased`]: [narrow, 'minLength increased'],
    [`${subject}-min-length-decreased`]: [widen, 'minLength decreased'],
    [`${subject}-min-length-set`]: [narrow, 'a minLength was set'],
    [`${subject}-min-length-unset`]: [widen, 'the minLength was removed'],
    ...(subject === 'request-parameter'
      ? {}
      : {
          [`${subject}-one-of-added`]: [widen, 'a oneOf branch was added'],
          [`${subject}-one-of-removed`]: [narrow, 'a oneOf branch was removed'],
        }),
    ...(subject === 'request-parameter' || subject === 'request-property'
      ? {
          [`${subject}-became-enum`]: ['ERR', 'a free value became an enum'],
          [`${subject}-pattern-added`]: ['ERR', 'a pattern was added'],
          [`${subject}-pattern-changed`]: ['WARN', 'the pattern changed'],
        }
      : {}),
    ...(subject === 'response-property'
      ? { [`${subject}-pattern-changed`]: ['WARN', 'the pattern changed'] }
      : {}),
  } as Record<string, readonly [DiffLevel, string]>;
}

export function levelOf(id: string): DiffLevel {
  const entry = diffChecks[id];
  if (!entry) throw new Error(`tollgate bug: diff check "${id}" is not in the check table`);
  return entry[0];
}
