import { existsSync } from 'node:fs';

/**
 * Which Chromium the browser tests drive. Playwright cannot download its own browser on these
 * machines, so a system Chromium (Debian's `chromium`) is used when there is one; CHROMIUM_PATH
 * overrides the guess. Elsewhere Playwright's own browser is used (`npx playwright install chromium`).
 */
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function systemChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return fromEnv;
  return CANDIDATES.find((path) => existsSync(path));
}

/** Flags for running as root on a closed network without flooding the log. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];
