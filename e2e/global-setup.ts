import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, systemChromium } from './browser.ts';

/** Fails early, in one clear paragraph, when there is no browser to test with. */
export default async function globalSetup(): Promise<void> {
  const executablePath = systemChromium();
  try {
    const browser = await chromium.launch({
      args: CHROMIUM_ARGS,
      ...(executablePath ? { executablePath } : {}),
    });
    await browser.close();
  } catch (error) {
    const first = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    throw new Error(
      `No Chromium to run the browser tests with (${first}).\n` +
        'Install one: on Debian or Ubuntu `sudo apt-get install -y chromium`, or anywhere ' +
        '`npx playwright install chromium`; or point CHROMIUM_PATH at a Chromium binary.',
      { cause: error },
    );
  }
}
