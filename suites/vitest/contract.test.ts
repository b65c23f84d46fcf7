import { contractTests } from '../../src/public/vitest.ts';

// One vitest test per operation and phase, derived from the spec alone.
await contractTests('specs/albums.openapi.yaml');
