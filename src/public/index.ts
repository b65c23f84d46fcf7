/** What users import from `tollgate` in tollgate.config.ts and load profiles. */
export { defineConfig } from '../config/define-config.ts';
export type {
  FromEnv,
  UserAuth,
  UserConfig,
  UserEnvironment,
  UserStage,
  UserWebServer,
} from '../config/types.ts';
export type { ProfileOptions, RequestContext, Scenario, Stage } from '../load/profile/define-profile.ts';
export { cycle, defineProfile } from '../load/profile/define-profile.ts';
export type { Finding, GateResult, LoadResult, RunModel } from '../run/model.ts';
