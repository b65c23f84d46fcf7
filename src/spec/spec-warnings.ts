import { GinRouter } from './gin-router.ts';
import { isObject } from './json-pointer.ts';
import type { LoadedSpec } from './types.ts';

/**
 * A smell in the API description itself, not in the server: reported once
 * per spec in its own section (console, HTML, JSON, Markdown, JUnit), never
 * as a finding and never counted by the findings gate. Other parts of
 * tollgate may add their own kinds (a prefix that answers 404 everywhere).
 */
export interface SpecWarning {
  /** Kebab-case kind: `body-on-bodiless-status`, `undefined-security-scheme`, `unroutable-route`, `required-not-in-properties`. */
  code: string;
  /** One line: what is wrong and what tollgate does about it. */
  message: string;
  /** Where in the (bundled) document, when one place is to blame: `#/paths/~1a/get/responses/204`. */
  pointer?: string;
  /** The operations it concerns (`GET /albums/{id}`). */
  operations?: string[];
}

const computed = new WeakMap<LoadedSpec, SpecWarning[]>();

/** The spec's warnings, computed once per loaded spec. */
export function specWarnings(spec: LoadedSpec): SpecWarning[] {
  let warnings = computed.get(spec);
  if (!warnings) {
    warnings = [
      ...bodilessWithSchema(spec),
      ...undefinedSchemes(spec),
      ...unroutableRoutes(spec),
      ...requiredNotInProperties(spec),
    ];
    computed.set(spec, warnings);
  }
  return warnings;
}

/** Scheme names an operation's security requirements use that `components.securitySchemes` does not define. */
export function undefinedSchemeNames(spec: LoadedSpec, security: Record<string, string[]>[]): string[] {
  const schemes = securitySchemes(spec);
  return [...new Set(security.flatMap((req) => Object.keys(req)))].filter(
    (name) => !Object.hasOwn(schemes, name),
  );
}

function securitySchemes(spec: LoadedSpec): Record<string, unknown> {
  const components = isObject(spec.document.components) ? spec.document.components : {};
  return isObject(components.securitySchemes) ? components.securitySchemes : {};
}

/** swag's `@Success 204 {object} X`: a 204 or 304 never has a body (RFC 9110 §15.3.5), so the schema is never checked. */
function bodilessWithSchema(spec: LoadedSpec): SpecWarning[] {
  const warnings: SpecWarning[] = [];
  for (const op of spec.operations) {
    for (const status of ['204', '304']) {
      const response = op.responses[status];
      if (!response || !Object.values(response.content).some((m) => m.schema !== undefined)) continue;
      warnings.push({
        code: 'body-on-bodiless-status',
        message: `${op.key} documents a body schema for ${status}, which never has a body; an empty ${status} is accepted and the schema is ignored`,
        pointer: `${op.pointer}/responses/${status}`,
        operations: [op.key],
      });
    }
  }
  return warnings;
}

/** A typo in `@Security`: one warning per scheme name, with every operation that names it. */
function undefinedSchemes(spec: LoadedSpec): SpecWarning[] {
  const byName = new Map<string, string[]>();
  for (const op of spec.operations) {
    for (const name of undefinedSchemeNames(spec, op.security))
      byName.set(name, [...(byName.get(name) ?? []), op.key]);
  }
  return [...byName].map(([name, operations]) => ({
    code: 'undefined-security-scheme',
    message: `security scheme "${name}" is referenced by ${operations.length} operation${operations.length === 1 ? '' : 's'} but not defined in ${spec.version === '2.0' ? 'securityDefinitions' : 'components.securitySchemes'}; their auth cases are skipped (tollgate cannot tell where the credential goes)`,
    pointer: spec.version === '2.0' ? '#/securityDefinitions' : '#/components/securitySchemes',
    operations,
  }));
}

function unroutableRoutes(spec: LoadedSpec): SpecWarning[] {
  return new GinRouter(spec.operations).conflicts.map((conflict) => ({
    code: 'unroutable-route',
    message: `${conflict.operation.key} cannot be routed by Gin as documented: ${conflict.reason}`,
    pointer: conflict.operation.pointer,
    operations: conflict.with ? [conflict.operation.key, conflict.with.key] : [conflict.operation.key],
  }));
}

/** `required: [x]` beside `properties` that has no `x` (and nothing else that could supply it). */
function requiredNotInProperties(spec: LoadedSpec): SpecWarning[] {
  const warnings: SpecWarning[] = [];
  const seen = new WeakSet<object>();
  const walk = (value: unknown, pointer: string): void => {
    if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) walk(item, `${pointer}/${i}`);
      return;
    }
    if (!isObject(value) || seen.has(value)) return;
    seen.add(value);
    const { required, properties } = value;
    const composed =
      ['allOf', 'oneOf', 'anyOf'].some((k) => k in value) || isObject(value.additionalProperties);
    if (Array.isArray(required) && isObject(properties) && !composed) {
      const missing = required.filter((name) => typeof name === 'string' && !Object.hasOwn(properties, name));
      if (missing.length)
        warnings.push({
          code: 'required-not-in-properties',
          message: `${pointer} requires ${missing.map((m) => `"${m}"`).join(', ')}, not in its properties; a valid body must carry ${missing.length === 1 ? 'it' : 'them'} with any value`,
          pointer,
        });
    }
    for (const [key, child] of Object.entries(value)) {
      if (key === 'example' || key === 'examples' || key === 'enum' || key === 'const' || key === 'default')
        continue;
      walk(child, `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`);
    }
  };
  walk(spec.document, '#');
  return warnings;
}
