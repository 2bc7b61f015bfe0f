import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';

/**
 * The reveal.js example deck (public/embed/reveal.html), run as a speaker runs it. The deck loads
 * reveal.js from a CDN; here the CDN's files come from the pinned devDependency, so the test
 * needs no network and runs the very version the example names.
 */
const CDN = 'https://cdn.jsdelivr.net/npm/reveal.js@5.1.0/';

interface Posted {
  type: string;
  at?: number;
  key?: string;
}

async function openDeck(page: Page) {
  await page.route(`${CDN}**`, (route) =>
    route.fulfill({
      path: join(
        'node_modules/reveal.js',
        new URL(route.request().url()).pathname.split('@5.1.0/')[1]!,
      ),
    }),
  );
  // Every message a stage posts to the deck, in order.
  await page.addInitScript(() => {
    const seen: Posted[] = [];
    (window as unknown as { seen: typeof seen }).seen = seen;
    addEventListener('message', (event) => {
      if (event.data && typeof event.data.type === 'string') seen.push(event.data);
    });
  });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/embed/reveal.html');
  await expect.poll(() => page.evaluate(() => window.Reveal?.isReady())).toBe(true);
}

const slide = (page: Page) => page.evaluate(() => window.Reveal.getIndices().h);
const seen = (page: Page, type: string) =>
  page.evaluate(
    (t) => (window as unknown as { seen: Posted[] }).seen.filter((m) => m.type === t),
    type,
  );

test('the reveal.js deck plays a stage on its slide, and the clicker steps it, then moves on', async ({
  page,
}) => {
  await openDeck(page);
  await expect(page.getByRole('heading', { name: 'Retries charge twice' })).toBeVisible();
  // The title slide has no stage: the clicker moves the deck.
  await page.keyboard.press('PageDown');
  await expect.poll(() => slide(page)).toBe(1);
  // reveal.js tells the slide's stage 'slide:start': it plays.
  await expect
    .poll(async () => (await seen(page, 'lab:moment')).some((m) => (m.at ?? 0) > 0))
    .toBe(true);
  // Now each press steps that stage; at the end of its run the stage hands the press back and
  // the deck goes to the next slide.
  let presses = 0;
  while ((await slide(page)) === 1 && presses < 80) {
    await page.keyboard.press('PageDown');
    presses++;
    await page.waitForTimeout(100);
  }
  expect(await slide(page)).toBe(2);
  expect(presses).toBeGreaterThan(1);
  expect((await seen(page, 'lab:key')).length).toBeGreaterThan(0);
  expect((await seen(page, 'lab:ended')).length).toBeGreaterThan(0);
});

declare global {
  interface Window {
    Reveal: { isReady(): boolean; getIndices(): { h: number } };
  }
}
