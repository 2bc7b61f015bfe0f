import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/**
 * The stage: a run followed on one screen. Found as a person finds things — by role, name and
 * what is written — and checked with the viewport's own geometry, never a hard-coded layout.
 */

const DESKTOPS = [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
  { width: 1024, height: 768 },
] as const;

const LINK = '/?scenario=lost-response&strategy=none&seed=1&lang=en';

const topology = (page: Page) => page.getByRole('region', { name: 'Topology' });
const caption = (page: Page) => page.getByTestId('caption');
const ledgerLine = (page: Page) => page.getByTestId('ledger-line');
const sequence = (page: Page) => page.getByRole('region', { name: 'Sequence diagram' });
const playback = (page: Page) => page.getByRole('toolbar', { name: 'Playback' });
const faultTray = (page: Page) =>
  page.getByRole('group', { name: 'Live faults, at the moment on screen' });

for (const size of DESKTOPS) {
  test(`at ${size.width}×${size.height} the stage is in view on load, without scrolling`, async ({
    page,
  }) => {
    await page.setViewportSize(size);
    await page.goto(LINK);
    for (const part of [topology, caption, ledgerLine, sequence, playback])
      await expect(part(page)).toBeInViewport();
    // The live faults sit beside the topology, and the controls above it.
    await expect(page.getByRole('button', { name: 'Drop the next request' })).toBeInViewport();
    await expect(page.getByRole('combobox', { name: 'Scenario' })).toBeInViewport();
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
  });
}

test('a run opens with a neutral ledger: no verdict before anything has happened', async ({
  page,
}) => {
  await page.goto(LINK);
  await expect(ledgerLine(page)).toContainText('Nothing has happened yet');
  await expect(ledgerLine(page)).toHaveAttribute('data-verdict', 'start');
  await expect(ledgerLine(page)).not.toContainText(/no duplicate/i);
  await expect(page.getByTestId('charges-headline')).toBeAttached();
  await expect(page.getByRole('region', { name: 'Ledger' })).not.toContainText(
    'every payment was charged at most once',
  );
  // The verdict comes once it is earned: at the end, the retry's second charge.
  await page.getByRole('slider', { name: 'Timeline' }).focus();
  await page.keyboard.press('End');
  await expect(ledgerLine(page)).toHaveAttribute('data-verdict', 'harmed');
  await expect(ledgerLine(page)).toContainText('2 charges for 1 payment');
  await expect(ledgerLine(page)).toContainText('1 duplicate charge');
});

for (const size of [DESKTOPS[0], DESKTOPS[1]]) {
  test(`at ${size.width}×${size.height} a fault clicked during play and its effect are both in view`, async ({
    page,
  }) => {
    await page.setViewportSize(size);
    await page.goto(LINK);
    const crash = page.getByRole('button', { name: 'Crash server now' });
    await expect(crash).toBeInViewport();
    await page.getByRole('button', { name: 'Play' }).click();
    await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
    await crash.click();
    // Held there, as a speaker would, before the server restarts.
    await page.getByRole('button', { name: 'Pause' }).click();
    // The crash shows in the topology, beside the button that caused it: the server drawn down,
    // or (once it is back up) the request it lost while down, marked ✕ on the wire.
    const drawing = topology(page).getByRole('img');
    await expect(drawing).toContainText(/down|✕/);
    await expect(drawing).toBeInViewport();
    await expect(crash).toBeInViewport();
    await expect(caption(page)).toBeInViewport();
    await expect(page.getByRole('region', { name: 'Live faults' })).toContainText(
      'crash the server now',
    );
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
  });
}

test('seed and settings open in a drawer: a named dialog, reached by keyboard, focus handled', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(LINK);
  const opener = page.getByRole('button', { name: 'Seed and settings' });
  await opener.focus();
  await page.keyboard.press('Enter');
  const drawer = page.getByRole('dialog', { name: 'Seed, descriptions and settings' });
  await expect(drawer).toBeVisible();
  await expect(drawer.getByRole('textbox', { name: 'Seed' })).toHaveValue('1');
  await expect(drawer).toContainText('its 201 response is lost on the way back');
  // Focus moved into the dialog.
  expect(await drawer.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  const results = await new AxeBuilder({ page }).include('dialog').analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await expect(opener).toBeFocused();
});

test('compare draws both runs the same way: two topologies side by side, at one cursor', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(LINK);
  await page.getByRole('combobox', { name: 'Compare with' }).selectOption('atomic-key');
  const compare = page.getByRole('region', { name: 'Compare' });
  const plain = compare.getByRole('region', { name: 'No idempotency' });
  const keyed = compare.getByRole('region', { name: 'Atomic idempotency key' });
  const drawing = /The actors and the messages on the wire/;
  await expect(plain.getByRole('img', { name: drawing })).toBeInViewport();
  await expect(keyed.getByRole('img', { name: drawing })).toBeInViewport();
  const [left, right] = [await plain.boundingBox(), await keyed.boundingBox()];
  expect(Math.abs(left!.y - right!.y)).toBeLessThan(2);
  expect(right!.x).toBeGreaterThan(left!.x + left!.width - 1);
  // Both at the same moment, as the labels of both drawings say.
  await page.getByRole('slider', { name: 'Timeline' }).focus();
  await page.keyboard.press('End');
  await expect(plain.getByRole('img', { name: drawing })).toHaveAttribute('aria-label', /1406 ms/);
  await expect(keyed.getByRole('img', { name: drawing })).toHaveAttribute('aria-label', /1406 ms/);
  await expect(plain.getByTestId('ledger-line-none')).toContainText('2 charges for 1 payment');
  await expect(keyed.getByTestId('ledger-line-atomic-key')).toContainText('1 charge for 1 payment');
});

test('state charts fold the states the run never reaches, and can show them all', async ({
  page,
}) => {
  await page.goto(LINK);
  const machines = page.getByRole('region', { name: 'State machines' });
  await machines.getByRole('combobox', { name: 'Actor' }).selectOption('handler-1');
  await expect(machines).toContainText(/states? this run never reaches/);
  const chart = machines.getByRole('img', { name: /state machine of handler-1/ });
  const folded = await chart.locator('rect').count();
  await machines.getByRole('checkbox', { name: 'Show all states' }).check();
  await expect.poll(() => chart.locator('rect').count()).toBeGreaterThan(folded);
  // No state box reaches past the chart's own drawing.
  const box = (await chart.boundingBox())!;
  for (const rect of await chart.locator('rect').all()) {
    const r = (await rect.boundingBox())!;
    expect(r.x).toBeGreaterThanOrEqual(box.x - 1);
    expect(r.x + r.width).toBeLessThanOrEqual(box.x + box.width + 1);
  }
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('the topology and caption stay in view while the run plays and the page scrolls', async ({
    page,
  }) => {
    await page.goto('/?scenario=retry-storm&strategy=none&seed=1&lang=en');
    const play = page.getByRole('button', { name: 'Play' });
    await expect(play).toBeInViewport();
    await play.click();
    await expect(page.getByRole('button', { name: 'Pause' })).toBeInViewport();
    // Scroll as a thumb would, well down the page.
    for (let i = 0; i < 3; i++) {
      await page.mouse.wheel(0, 500);
      await page.waitForTimeout(150);
    }
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(600);
    await expect(topology(page)).toBeInViewport();
    await expect(caption(page)).toBeInViewport();
    // Play/pause and the steps stay within a thumb's reach at the bottom of the screen.
    const pause = (await page.getByRole('button', { name: 'Pause' }).boundingBox())!;
    expect(pause.y).toBeGreaterThan(844 / 2);
    await expect(page.getByRole('button', { name: 'Step forward' })).toBeInViewport();
    // The one-press faults ride on the bar, within the same reach; the row scrolls sideways.
    const first = faultTray(page).getByRole('button', { name: 'Drop the next request' });
    await expect(first).toBeInViewport();
    expect((await first.boundingBox())!.y).toBeGreaterThan(844 / 2);
    const crash = faultTray(page).getByRole('button', { name: 'Crash server now' });
    await crash.scrollIntoViewIfNeeded();
    await expect(crash).toBeInViewport();
    await expect(topology(page)).toBeInViewport();
  });

  test('a live fault tapped while the run plays lands during the run, its effect in view', async ({
    page,
  }) => {
    await page.goto(LINK);
    await page.getByRole('button', { name: 'Play' }).tap();
    const timeline = page.getByRole('slider', { name: 'Timeline' });
    // Scroll down as a thumb would while the run plays: the pinned stage covers the page.
    await page.mouse.wheel(0, 700);
    await expect.poll(() => timeline.inputValue().then(Number)).toBeGreaterThan(100);
    // A tap, not a scroll first: the button is not covered (tap() checks what receives it).
    await faultTray(page).getByRole('button', { name: 'Crash server now' }).tap();
    // The server goes down in the pinned topology while the run still plays, before its end.
    const drawing = topology(page).getByRole('img');
    await expect(drawing).toContainText('down');
    await expect(topology(page)).toBeInViewport();
    await expect(caption(page)).toBeInViewport();
    expect(Number(await timeline.inputValue())).toBeLessThan(
      Number(await timeline.getAttribute('max')),
    );
    await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
    // The fault was added at the moment on screen then, well before the run's end (1406 ms).
    const injected = await page.getByRole('region', { name: 'Live faults' }).innerText();
    const at = Number(/at (\d+) ms: crash the server now/.exec(injected)?.[1]);
    expect(at).toBeGreaterThan(100);
    expect(at).toBeLessThan(1406);
    // One set of fault buttons on a phone: the panel says where they went.
    await expect(
      page
        .getByRole('region', { name: 'Live faults' })
        .getByRole('button', { name: 'Crash server now' }),
    ).toBeHidden();
    await expect(page.getByRole('region', { name: 'Live faults' })).toContainText(
      'in the row over the playback bar',
    );
    const results = await new AxeBuilder({ page })
      .include('[role="group"]')
      .include('#faults')
      .analyze();
    expect(results.violations.map((v) => v.id)).toEqual([]);
  });

  test('texts about arrow keys are not shown on a touch screen; nothing overflows', async ({
    page,
  }) => {
    await page.goto(LINK);
    await expect(playback(page)).toBeVisible();
    await expect(page.getByText('the arrow keys step from event to event')).toBeHidden();
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
  });
});
