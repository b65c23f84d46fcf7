/** What Playwright suites import: `import { tollgateTest, expect } from 'tollgate/playwright'`. */
export { expect } from '@playwright/test';
export { ContractViolationError, checkingFetch } from '../playwright/checking-fetch.ts';
export { defineContractSuite } from '../playwright/contract-suite.ts';
export {
  type TollgateTestFixtures,
  type TollgateWorkerFixtures,
  tollgateTest,
} from '../playwright/fixture.ts';
