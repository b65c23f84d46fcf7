import type { LaunchOptions } from '@playwright/test';

/**
 * Debian's Chromium, never a downloaded browser build. The flags keep it off
 * the network (this machine has none but loopback) and let it run as root.
 */
export const chromiumLaunchOptions: LaunchOptions = {
  executablePath: process.env.TOLLGATE_CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};
