import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/** Twelve clients paying five times each through a server outage: the busiest diagram. */
const STORM = '/?scenario=retry-storm&strategy=atomic-key&seed=1&payments=5&lang=en';

const diagram = (page: Page) => page.getByRole('region', { name: 'Sequence diagram' });
const scrollBox = (page: Page) => page.getByTestId('sequence-scroll');

async function toEnd(page: Page) {
  await page.getByRole('slider', { name: 'Timeline' }).focus();
  await page.keyboard.press('End');
}

/**
 * Whether a lane's name lies wholly inside the scroll box's own area (its scroll bars left out),
 * and how far the lane row's top is from the box's: both read in one frame, as the page lays out
 * panels loaded after it.
 */
async function laneNameInBox(page: Page, name: string) {
  return scrollBox(page).evaluate((box, lane) => {
    const header = box.querySelector('[data-testid="sequence-lanes"]')!;
    const label = [...header.children].find((el) => el.textContent === lane)!;
    const r = box.getBoundingClientRect();
    const [left, top] = [r.left + box.clientLeft, r.top + box.clientTop];
    const [right, bottom] = [left + box.clientWidth, top + box.clientHeight];
    const l = label.getBoundingClientRect();
    return {
      inside:
        l.left >= left - 1 && l.right <= right + 1 && l.top >= top - 1 && l.bottom <= bottom + 1,
      headerOffset: Math.abs(header.getBoundingClientRect().top - top),
    };
  }, name);
}

test('the lane names stay in view while the diagram scrolls', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(STORM);
  await expect(diagram(page)).toBeVisible();
  await toEnd(page);
  const box = scrollBox(page);
  const header = page.getByTestId('sequence-lanes');
  await expect(header).toContainText('server');
  // The diagram followed the cursor to the end; the reader scrolls back up halfway, then to the top.
  for (const fraction of [0.5, 0]) {
    await box.evaluate((el, f) => {
      el.scrollTop = el.scrollHeight * f;
    }, fraction);
    await expect.poll(async () => box.evaluate((el) => el.scrollTop > 0)).toBe(fraction > 0);
    const { inside, headerOffset } = await laneNameInBox(page, 'server');
    expect(headerOffset).toBeLessThanOrEqual(1);
    expect(inside).toBe(true);
  }
});

test('with twelve clients the server lane is in the diagram’s visible box, folded or not', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(STORM);
  await expect(diagram(page)).toBeVisible();
  const header = page.getByTestId('sequence-lanes');
  await expect(header).toContainText('clients 4–12');
  expect((await laneNameInBox(page, 'server')).inside).toBe(true);
  expect((await laneNameInBox(page, 'store')).inside).toBe(true);
  const unfold = diagram(page).getByRole('button', {
    name: 'Show clients 4–12 on their own lanes',
  });
  await unfold.click();
  await expect(header).toContainText('client-12');
  await expect(diagram(page).getByRole('button', { name: /Fold clients 4–12/ })).toHaveAttribute(
    'aria-expanded',
    'true',
  );
  expect((await laneNameInBox(page, 'server')).inside).toBe(true);
  // The reader scrolls right to the last client: the server's lane is further left, not gone
  // off to the right.
  await scrollBox(page).evaluate((el) => (el.scrollLeft = el.scrollWidth));
  expect((await laneNameInBox(page, 'client-12')).inside).toBe(true);
});

/** Every pair of label boxes, as the browser drew them, that overlap. */
async function overlappingLabels(page: Page): Promise<string[]> {
  return diagram(page).evaluate((el) => {
    const labels = [...el.querySelectorAll('svg [data-label]')].map((node) => ({
      text: node.textContent ?? '',
      box: node.getBoundingClientRect(),
    }));
    const found: string[] = [];
    labels.forEach((a, i) =>
      labels.slice(i + 1).forEach((b) => {
        const apart =
          a.box.right <= b.box.left ||
          b.box.right <= a.box.left ||
          a.box.bottom <= b.box.top ||
          b.box.bottom <= a.box.top;
        if (!apart) found.push(`${a.text} × ${b.text}`);
      }),
    );
    return found;
  });
}

test('no label is drawn over another, as the browser measures them', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(STORM);
  await expect(diagram(page)).toBeVisible();
  const slider = page.getByRole('slider', { name: 'Timeline' });
  await slider.focus();
  let checked = 0;
  // Several moments through the run, folded and unfolded.
  for (const unfolded of [false, true]) {
    if (unfolded)
      await diagram(page)
        .getByRole('button', { name: /Show clients 4–12/ })
        .click();
    await page.keyboard.press('Home');
    for (let i = 0; i < 6; i++) {
      await slider.focus();
      for (let k = 0; k < 2; k++) await page.keyboard.press('PageUp');
      checked += await diagram(page).locator('svg [data-label]').count();
      expect(await overlappingLabels(page)).toEqual([]);
    }
  }
  expect(checked).toBeGreaterThan(50);
});

test('the folded and unfolded diagram has no accessibility violations (axe)', async ({ page }) => {
  await page.goto(STORM);
  await expect(diagram(page)).toBeVisible();
  await page.getByRole('slider', { name: 'Timeline' }).focus();
  for (let k = 0; k < 3; k++) await page.keyboard.press('PageUp');
  const scan = async () =>
    (await new AxeBuilder({ page }).include('#sequence').analyze()).violations.map((v) => v.id);
  expect(await scan()).toEqual([]);
  await diagram(page)
    .getByRole('button', { name: /Show clients 4–12/ })
    .click();
  expect(await scan()).toEqual([]);
});

for (const [width, height] of [
  [1280, 720],
  [1440, 900],
  [390, 844],
] as const) {
  test(`screenshot: twelve clients at ${width}×${height}`, async ({ page }, info) => {
    await page.setViewportSize({ width, height });
    await page.goto(STORM);
    await expect(diagram(page)).toBeVisible();
    const slider = page.getByRole('slider', { name: 'Timeline' });
    await slider.focus();
    await page.keyboard.press('Home');
    for (let k = 0; k < 3; k++) await page.keyboard.press('PageUp');
    await diagram(page).scrollIntoViewIfNeeded();
    await page.screenshot({ path: info.outputPath(`sequence-${width}x${height}.png`) });
    await diagram(page).screenshot({ path: info.outputPath(`sequence-panel-${width}.png`) });
  });
}

/** Whether every lane name and every label of the diagram lies inside its scroll box's width. */
async function lanesAndLabelsInside(page: Page) {
  return scrollBox(page).evaluate((box) => {
    const r = box.getBoundingClientRect();
    const [left, right] = [r.left + box.clientLeft, r.left + box.clientLeft + box.clientWidth];
    const header = box.querySelector('[data-testid="sequence-lanes"]')!;
    const lanes = [...header.children].map((el) => el.textContent ?? '');
    const outside = [...header.children, ...box.querySelectorAll('svg [data-label]')]
      .filter((el) => {
        const b = el.getBoundingClientRect();
        return b.left < left - 1 || b.right > right + 1;
      })
      .map((el) => el.textContent ?? '');
    return { lanes, outside, scrolls: box.scrollWidth > box.clientWidth + 1 };
  });
}

test('the server’s calls are arrows: a lost response without a key shows two charges', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/?scenario=lost-response&strategy=none&seed=1&lang=en&at=end');
  const charges = diagram(page).getByRole('img', { name: /^server → provider: charge/ });
  await expect(charges).toHaveCount(2);
  await expect(charges.nth(1)).toHaveAccessibleName('server → provider: charge €42.00 again');
  // The provider's answers come back, and the store is asked to commit each payment.
  await expect(diagram(page).getByRole('img', { name: /^provider → server: 200 ch_/ })).toHaveCount(
    2,
  );
  await expect(
    diagram(page).getByRole('img', { name: /^server → store: COMMIT pay_/ }),
  ).toHaveCount(2);
  // A student sees them printed, not only named.
  const printed = await diagram(page).locator('svg [data-label]').allTextContents();
  expect(printed).toEqual(expect.arrayContaining(['charge €42.00', 'charge €42.00 again']));

  // With an atomic key, the retry's INSERT finds the key: one charge only.
  await page.goto('/?scenario=lost-response&strategy=atomic-key&seed=1&lang=en&at=end');
  await expect(diagram(page).getByRole('img', { name: /^server → store: INSERT key/ })).toHaveCount(
    2,
  );
  await expect(diagram(page).getByRole('img', { name: /^store → server: key exists/ })).toHaveCount(
    1,
  );
  await expect(diagram(page).getByRole('img', { name: /^server → provider: charge/ })).toHaveCount(
    1,
  );
});

test('an answer lost in a crash ends in a cross, like a lost message', async ({ page }) => {
  await page.goto(
    '/?scenario=lost-response&strategy=atomic-key&seed=1&lang=en&faults=crash@100&at=500',
  );
  const lost = diagram(page).getByRole('img', {
    name: 'provider → server: never heard: the server crashed',
  });
  await expect(lost).toHaveCount(1);
  await expect(lost.getByText('✕')).toBeVisible();
});

for (const [width, height] of [
  [1280, 720],
  [1440, 900],
] as const)
  test(`in the full lab at ${width}×${height}, every lane and label fits the diagram’s width`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height });
    await page.goto('/?scenario=lost-response&strategy=none&seed=1&lang=en&at=end');
    await expect(page.getByTestId('sequence-lanes')).toContainText('provider');
    const fit = await lanesAndLabelsInside(page);
    expect(fit.lanes).toEqual(['client-1', 'server', 'store', 'provider']);
    expect(fit.outside).toEqual([]);
    expect(fit.scrolls).toBe(false);
  });

const EMBED =
  '/embed.html?embed=1&scenario=lost-response&strategy=none&seed=1&view=topology,caption,ledger,sequence&lang=en&at=end';

for (const [width, height] of [
  [1280, 720],
  [600, 338],
] as const)
  test(`embedded in a ${width}×${height} frame, all four lanes fit with their labels`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height });
    await page.goto(EMBED);
    await expect(page.getByTestId('sequence-lanes')).toContainText('provider');
    const fit = await lanesAndLabelsInside(page);
    expect(fit.lanes).toEqual(['client-1', 'server', 'store', 'provider']);
    expect(fit.outside).toEqual([]);
    expect(fit.scrolls).toBe(false);
    expect(await overlappingLabels(page)).toEqual([]);
  });

test('with the calls drawn, the diagram has no accessibility violations (axe)', async ({
  page,
}) => {
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await page.goto('/?scenario=lost-response&strategy=none&seed=1&lang=en&at=end');
    await expect(
      diagram(page)
        .getByRole('img', { name: /charge/ })
        .first(),
    ).toBeVisible();
    const scan = await new AxeBuilder({ page }).include('#sequence').analyze();
    expect(scan.violations.map((v) => v.id)).toEqual([]);
  }
});
