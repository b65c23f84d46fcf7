import { defineContractSuite } from '../../src/public/playwright.ts';
import { test } from '../fixtures.ts';

// One Playwright test per operation and phase, derived from the spec alone.
await defineContractSuite(test, new URL('../../specs/albums.openapi.yaml', import.meta.url).pathname);
