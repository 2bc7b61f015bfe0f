import { expect, test, type Page } from '@playwright/test';

const LOST_201 =
  'The 201 Created was lost on the way back. The client cannot tell whether the payment happened.';
/** Fake-clock steps: small enough to time a caption to a tenth of a second. */
const STEP_MS = 100;

/**
 * Opens "Lost response" with the page's clock under the test's control, so that seconds of
 * playback take a fraction of a second; records every sentence the live region is given.
 */
async function openLostResponse(page: Page) {
  await page.clock.install({ time: 0 });
  await page.clock.pauseAt(1000);
  await page.goto('/?scenario=lost-response&strategy=none&seed=1&lang=en');
  // What the page defers to an idle moment (the live region) needs the clock to move a little.
  const announcer = page.getByTestId('announcer');
  await expect
    .poll(async () => {
      await page.clock.runFor(200);
      return announcer.count();
    })
    .toBe(1);
  await announcer.evaluate((region) => {
    const said: string[] = [];
    (window as unknown as { said: string[] }).said = said;
    new MutationObserver(() => said.push(region.textContent ?? '')).observe(region, {
      childList: true,
      characterData: true,
      subtree: true,
    });
  });
}

const said = (page: Page) =>
  page.evaluate(() => (window as unknown as { said: string[] }).said.filter(Boolean));

/** Plays, stepping the fake clock, until `until` says stop; returns what each step showed. */
async function play(
  page: Page,
  read: () => Promise<string>,
  until: (seen: string[]) => boolean,
  stepMs = STEP_MS,
) {
  await page.getByRole('button', { name: 'Play' }).click();
  const seen: string[] = [];
  for (let ms = 0; ms < 60_000 && !until(seen); ms += stepMs) {
    await page.clock.runFor(stepMs);
    seen.push(await read());
  }
  return seen;
}

test('at the default speed, the lost 201 is told in the live region, once', async ({ page }) => {
  await openLostResponse(page);
  const announcer = page.getByTestId('announcer');
  await play(
    page,
    async () => (await announcer.textContent()) ?? '',
    (seen) => seen.some((s) => s.includes('The run is over')),
    // Coarse steps: the region keeps every sentence, however many frames one step runs.
    500,
  );
  const sentences = await said(page);
  expect(sentences.filter((s) => s === LOST_201)).toHaveLength(1);
  // Each caption is said once: never the same sentence twice in a row, frame after frame.
  sentences.slice(1).forEach((s, i) => expect(s).not.toBe(sentences[i]));
  expect(sentences.at(-1)).toContain('The run is over: 2 charges for 1 payment, 1 duplicate.');
});

test('at the default speed, the caption about the lost 201 stays on screen ≥ 1.5 s', async ({
  page,
}) => {
  await openLostResponse(page);
  const caption = page.getByTestId('caption');
  await expect(caption).toContainText('1 client is about to pay');
  const seen = await play(
    page,
    async () => (await caption.textContent()) ?? '',
    (seen) => seen.includes(LOST_201) && seen.at(-1) !== LOST_201,
  );
  const shownMs = seen.filter((text) => text === LOST_201).length * STEP_MS;
  expect(shownMs).toBeGreaterThanOrEqual(1500);
  // It came after the charge and before the timeout, as the run has it.
  const first = seen.indexOf(LOST_201);
  expect(seen.slice(0, first).some((t) => t.includes('charged €42.00'))).toBe(true);
  expect(seen.at(-1)).toContain('timeout');
});
