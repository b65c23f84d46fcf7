import { pathToFileURL } from 'node:url';
import { register } from 'tsx/cjs/api';
import { tsImport } from 'tsx/esm/api';

/**
 * Imports a user's config or profile file (`.ts`, `.mts`, `.cts`, `.js`, `.mjs`, `.cjs`, ES or CommonJS syntax) and
 * returns its default export, whether or not the user's package.json says
 * `"type": "module"`: tsImport loads TypeScript as ESM, and a file compiled as
 * CommonJS, whose default arrives as `{ default: value }` one level down, is
 * unwrapped.
 */
export async function importUserModule(path: string): Promise<unknown> {
  registerRequireHook();
  const loaded: { default?: unknown } = await tsImport(pathToFileURL(path).href, import.meta.url);
  return unwrapDefault(loaded.default);
}

function unwrapDefault(value: unknown): unknown {
  if (typeof value === 'object' && value !== null && 'default' in value) {
    const keys = Object.keys(value).filter((k) => k !== '__esModule');
    if (keys.length === 1) return (value as { default: unknown }).default;
  }
  return value;
}

let requireHookRegistered = false;

/** CommonJS configs (`require('tollgate')`, `module.exports =`) require tollgate's TypeScript sources. */
function registerRequireHook(): void {
  if (requireHookRegistered) return;
  register();
  requireHookRegistered = true;
}
