/**
 * The k6 version the exported scripts are written and typed for: the version
 * of `@types/k6` tollgate type-checks them against (kept equal by
 * test/export-k6/export-k6.test.ts). Scripts tag every sample `k6_version`
 * with it and the TestRun's runner image is `grafana/k6:<it>`, so `tollgate
 * import k6` can refuse files of scripts exported for another k6.
 */
export const k6Version = '2.3.0';
