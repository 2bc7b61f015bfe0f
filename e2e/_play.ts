import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, systemChromium } from './browser.ts';
const executablePath = systemChromium();
const browser = await chromium.launch({
  args: CHROMIUM_ARGS,
  ...(executablePath ? { executablePath } : {}),
});
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
await page.goto('http://127.0.0.1:4173/?scenario=lost-response&strategy=none&seed=1&lang=en');
await page.getByRole('button', { name: 'Play' }).click();
await page.waitForTimeout(700);
await page.screenshot({ path: '/tmp/play1.png' });
await page.waitForTimeout(1500);
await page.screenshot({ path: '/tmp/play2.png' });
await page.getByRole('slider', { name: 'Timeline' }).focus();
await page.keyboard.press('End');
await page.waitForTimeout(200);
await page.screenshot({ path: '/tmp/play3.png', fullPage: true });
await browser.close();
