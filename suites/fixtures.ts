import { randomUUID } from 'node:crypto';
import type { paths } from '../specs/generated/albums.ts';
import { tollgateTest } from '../src/public/playwright.ts';

/** `api` is the typed client for the environment under test; every response is checked against the spec. */
export const test = tollgateTest<paths>();
export { expect } from '../src/public/playwright.ts';

/** A unique Idempotency-Key per create, so retries in one test are safe and tests never collide. */
export const idempotencyKey = () => randomUUID();
