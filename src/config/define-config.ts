import type { UserConfig } from './types.ts';

/** Identity function: its only job is to type-check `tollgate.config.ts`. */
export function defineConfig(config: UserConfig): UserConfig {
  return config;
}
