/**
 * What vitest suites import: `import { openTollgate, contractTests } from 'tollgate/vitest'`.
 * Importing it adds `expect(response).toMatchSpec()` to vitest's expect.
 */
import { expect } from 'vitest';
import { toMatchSpec } from '../vitest/to-match-spec.ts';

expect.extend({ toMatchSpec });

declare module 'vitest' {
  // biome-ignore lint/suspicious/noExplicitAny: vitest declares Matchers<T = any>
  interface Matchers<T = any> {
    /** The answer conforms to its operation in the spec (status, content type, headers, body). */
    toMatchSpec(): T;
  }
}

export { type ContractTestsOptions, contractTests } from '../vitest/contract-tests.ts';
export { openTollgate, type TollgateClients } from '../vitest/open-tollgate.ts';
