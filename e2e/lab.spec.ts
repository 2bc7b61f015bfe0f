import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';

/** The CLI's answer for the same run, from a separate Node process. */
function cliHash(scenario: string, strategy: string | null, seed: number, faults = ''): string {
  const out = execFileSync(
    'npx',
    [
      'tsx',
      'cli/sim.ts',
      '--scenario',
      scenario,
      ...(strategy === null ? [] : ['--strategy', strategy]),
      '--seed',
      String(seed),
      ...(faults ? ['--faults', faults] : []),
      '--json',
    ],
    // Playwright sets FORCE_COLOR for its workers; the CLI's JSON needs neither colour setting.
    { encoding: 'utf8', env: withoutColourSettings() },
  );
  return (JSON.parse(out) as { traceHash: string }).traceHash;
}

function withoutColourSettings(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.FORCE_COLOR;
  delete env.NO_COLOR;
  return env;
}

const ledger = (page: Page) => page.getByRole('region', { name: 'Ledger' });

/** Scrubs to the end of the run, as a person dragging the timeline all the way right would. */
async function toEnd(page: Page) {
  await page.getByRole('slider', { name: 'Timeline' }).focus();
  await page.keyboard.press('End');
}

test('the page and the CLI agree on the trace hash (Node and Chromium determinism)', async ({
  page,
}) => {
  for (const [scenario, strategy, seed] of [
    ['lost-response', 'none', 1],
    ['flaky-network', 'atomic-key', 77],
    ['lost-update-prevented', null, 5],
  ] as const) {
    const chosen = strategy === null ? '' : `&strategy=${strategy}`;
    await page.goto(`/?scenario=${scenario}${chosen}&seed=${seed}&lang=en`);
    await expect(page.getByTestId('trace-hash')).toHaveText(cliHash(scenario, strategy, seed));
  }
});

test('a lost response double-charges without a key and is replayed with one', async ({ page }) => {
  await page.goto('/?lang=en');
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption({ label: 'Lost response' });
  await page.getByRole('combobox', { name: 'Strategy' }).selectOption({ label: 'No idempotency' });
  // A new run starts at the beginning, paused: nothing has been charged yet.
  await expect(ledger(page)).toContainText('0 charges for 1 payment');
  // At 1×: the default speed holds each key moment for reading, which this test need not wait for.
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('1');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  // Played to the end, the run stops by itself and the ledger shows the double charge.
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible({ timeout: 20_000 });
  await expect(ledger(page)).toContainText('2 charges for 1 payment');
  await expect(ledger(page)).toContainText('duplicate');
  await expect(page.getByRole('region', { name: 'Event log' })).toContainText('dropped');

  await page
    .getByRole('combobox', { name: 'Strategy' })
    .selectOption({ label: 'Atomic idempotency key' });
  await toEnd(page);
  await expect(ledger(page)).toContainText('1 charge for 1 payment');
  await expect(ledger(page)).toContainText('replayed');
  await expect(page.getByRole('region', { name: 'Invariants' })).not.toContainText('violated');
  await expect(page).toHaveURL(/strategy=atomic-key/);
});

test('a plain PUT loses an update, and If-Match prevents it with a 412', async ({ page }) => {
  await page.goto('/?lang=en');
  const scenario = page.getByRole('combobox', { name: 'Scenario' });
  await scenario.selectOption({ label: 'Lost update' });
  await expect(page.getByRole('combobox', { name: 'Strategy' })).toBeDisabled();
  await toEnd(page);
  await expect(ledger(page)).toContainText('1 change silently lost');
  await expect(page.getByRole('region', { name: 'Invariants' })).toContainText('violated');

  await scenario.selectOption({ label: 'Lost update, prevented by If-Match' });
  await toEnd(page);
  await expect(ledger(page)).toContainText('No change lost or doubled');
  await expect(ledger(page)).toContainText('412 Precondition Failed');
  await expect(page.getByTestId('final-state')).toContainText('balance: 130');
  await expect(page.getByRole('region', { name: 'Event log' })).toContainText('If-Match: "r1"');
  await expect(page).toHaveURL(/scenario=lost-update-prevented/);
});

test('a seed can be typed, an invalid one is explained, and the run follows the seed', async ({
  page,
}) => {
  await page.goto('/?scenario=flaky-network&strategy=none&seed=1&lang=en');
  await page.getByRole('button', { name: 'Seed and settings' }).click();
  const seed = page.getByRole('dialog').getByRole('textbox', { name: 'Seed' });
  const hash1 = await page.getByTestId('trace-hash').textContent();
  await seed.fill('2');
  await expect(page.getByTestId('trace-hash')).not.toHaveText(hash1 ?? '');
  await expect(page.getByTestId('trace-hash')).toHaveText(cliHash('flaky-network', 'none', 2));
  await seed.fill('12x');
  await expect(seed).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('A seed is a whole number')).toBeVisible();
  await expect(page.getByTestId('trace-hash')).toHaveText(cliHash('flaky-network', 'none', 2));
});

test('a malformed link shows a friendly notice and the defaults, never a blank page', async ({
  page,
}) => {
  await page.goto('/?scenario=%3Cscript%3E&strategy=magic&seed=banana&lang=en');
  await expect(page.getByRole('status')).toContainText('scenario=<script>');
  await expect(page.getByRole('status')).toContainText('strategy=magic');
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue('lost-response');
  await expect(page.getByTestId('trace-hash')).not.toBeEmpty();
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByRole('status')).toHaveCount(0);
});

test('a part that cannot load says so and can be retried; the rest of the lab stays', async ({
  page,
}) => {
  // The connection drops just when the sequence diagram's code is fetched.
  let offline = true;
  await page.route(/SequenceDiagram-[\w-]+\.js$/, (route) =>
    offline ? route.abort('internetdisconnected') : route.continue(),
  );
  await page.goto('/?scenario=lost-response&lang=en');
  const alert = page.getByRole('alert').filter({ hasText: 'This part of the page could not load' });
  await expect(alert).toBeVisible();
  await expect(page.getByRole('region', { name: 'Ledger' })).toBeVisible();
  await expect(page.getByTestId('trace-hash')).not.toBeEmpty();
  offline = false;
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(alert).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Sequence diagram' })).toBeVisible();
});

test('switching to Russian translates the page and is remembered', async ({ page }) => {
  await page.goto('/?scenario=lost-response&strategy=none&seed=1&lang=en');
  await toEnd(page);
  await page.getByRole('button', { name: 'Русский' }).click();
  await expect(page.getByRole('region', { name: 'Учёт' })).toContainText('2 списания на 1 платёж');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  await page.goto('/?scenario=lost-response&strategy=none&seed=1');
  await expect(page.getByRole('combobox', { name: 'Сценарий' })).toBeVisible();
});

test('the main flow works by keyboard alone, with a visible focus ring', async ({ page }) => {
  await page.goto('/?scenario=happy-path&strategy=none&seed=1&lang=en');
  const scenario = page.getByRole('combobox', { name: 'Scenario' });
  for (
    let i = 0;
    i < 10 && !(await scenario.evaluate((el) => el === document.activeElement));
    i++
  ) {
    await page.keyboard.press('Tab');
  }
  await expect(scenario).toBeFocused();
  const outline = await scenario.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
  await page.keyboard.press('ArrowDown'); // happy-path → lost-response
  // Tab on to the Play button and start the run with the keyboard.
  const play = page.getByRole('button', { name: 'Play' });
  for (let i = 0; i < 10 && !(await play.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(play).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  // The keyboard has started it; faster than the reading pace, it ends within the test's wait.
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('2');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible({ timeout: 20_000 });
  await expect(ledger(page)).toContainText('2 charges for 1 payment');
});

test('the sequence diagram grows with the run, and a selected message shows its headers', async ({
  page,
}) => {
  await page.goto('/?scenario=lost-response&strategy=atomic-key&seed=1&lang=en');
  const diagram = page.getByRole('region', { name: 'Sequence diagram' });
  // The diagram loads after the first screen; at 0 ms only the first request has left.
  await expect(diagram).toBeVisible();
  await expect(diagram.getByRole('button', { name: /POST \/payments/ })).toHaveCount(1);
  await toEnd(page);
  await expect(diagram.getByRole('button', { name: /POST \/payments/ })).toHaveCount(2);
  await expect(diagram.getByRole('button', { name: /201 Created \(lost\)/ })).toHaveCount(1);
  const replayed = diagram.getByRole('button', { name: /201 Created · replayed/ });
  await replayed.focus();
  await page.keyboard.press('Enter');
  const details = diagram.getByRole('region', { name: 'Selected message' });
  await expect(details).toContainText('Idempotent-Replayed');
  await expect(details).toContainText('true');
});

test('a crash injected live becomes part of the run: rewind and replay show the same', async ({
  page,
}) => {
  await page.goto('/?scenario=happy-path&strategy=none&seed=1&lang=en');
  const slider = page.getByRole('slider', { name: 'Timeline' });
  // Step until the request has reached the server, then arm a crash after commit.
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Step forward' }).click();
  const faults = page.getByRole('region', { name: 'Live faults' });
  await faults.getByRole('combobox', { name: 'Crash point' }).selectOption({
    label: 'after commit, before the response',
  });
  await faults.getByRole('button', { name: 'Arm crash' }).click();
  await expect(faults).toContainText('crash the server at “after commit, before the response”');
  await expect(page).toHaveURL(/faults=crash-after-commit%40/);
  // The same faults on the command line give the very same run.
  const code = decodeURIComponent(/faults=([^&]+)/.exec(page.url())![1]!);
  await toEnd(page);
  await expect(ledger(page)).toContainText('2 charges for 1 payment');
  const hash = await page.getByTestId('trace-hash').textContent();
  expect(hash).toBe(cliHash('happy-path', 'none', 1, code));
  // Rewind and play it all again: the same crash, the same double charge, the same trace.
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(slider).toHaveValue('0');
  await expect(ledger(page)).toContainText('0 charges for 1 payment');
  // At 1×: this checks the replay, not the pacing, which holds each key moment for reading.
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('1');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible({ timeout: 20_000 });
  await expect(ledger(page)).toContainText('2 charges for 1 payment');
  await expect(page.getByTestId('trace-hash')).toHaveText(hash!);
  // A reload of the link shows the same run; removing the fault restores the happy path.
  await page.reload();
  await expect(page.getByTestId('trace-hash')).toHaveText(hash!);
  await page.getByRole('button', { name: /Remove: at \d+ ms/ }).click();
  await toEnd(page);
  await expect(ledger(page)).toContainText('1 charge for 1 payment');
});

test('freezing the server live: the client times out, retries, and the tables show two payments', async ({
  page,
}) => {
  await page.goto('/?scenario=happy-path&strategy=none&seed=1&lang=en');
  // While the request is on its way, freeze the server for a second.
  await page.getByRole('button', { name: 'Step forward' }).click();
  const faults = page.getByRole('region', { name: 'Live faults' });
  await faults.getByRole('button', { name: 'Freeze the server for 1 s' }).click();
  await expect(page).toHaveURL(/faults=pause%40\d+%2B1000/);
  await page.getByRole('button', { name: 'Step forward' }).click();
  await expect(page.getByRole('region', { name: 'Topology' })).toContainText('frozen');
  await toEnd(page);
  const tables = ledger(page);
  await expect(tables).toContainText('2 charges for 1 payment');
  await expect(tables.getByRole('table', { name: /payments/ })).toContainText('duplicate of pay_1');
  // With an atomic key the same pause costs nothing: one payment row, one key row, replayed.
  await page.getByRole('combobox', { name: 'Strategy' }).selectOption('atomic-key');
  await toEnd(page);
  await expect(tables).toContainText('1 charge for 1 payment');
  await expect(tables.getByRole('table', { name: /idempotency_keys/ })).toContainText('completed');
});

test('the state machines are drawn from the machines, the current state lit', async ({ page }) => {
  await page.goto('/?scenario=lost-response&strategy=none&seed=1&lang=en');
  const machines = page.getByRole('region', { name: 'State machines' });
  // At 0 ms the client has just sent its request.
  await expect(machines.getByTestId('machine-now')).toHaveText(
    'Now in “waiting”, after idle → waiting on START at 0 ms.',
  );
  await toEnd(page);
  await expect(machines.getByTestId('machine-now')).toContainText('Now in “done”');
  await expect(machines.getByRole('img', { name: /state machine of client-1/ })).toBeVisible();
  await machines.getByRole('combobox', { name: 'Actor' }).selectOption('server');
  await expect(machines.getByTestId('machine-now')).toHaveText('Now in “up”.');
});

test('compare: the double charge on one side, the replayed response on the other', async ({
  page,
}) => {
  await page.goto('/?scenario=lost-response&strategy=none&seed=1&lang=en');
  await page.getByRole('combobox', { name: 'Compare with' }).selectOption('atomic-key');
  await expect(page).toHaveURL(/compare=atomic-key/);
  await toEnd(page);
  const compare = page.getByRole('region', { name: 'Compare' });
  await expect(compare.getByRole('region', { name: 'No idempotency' })).toContainText(
    '2 charges for 1 payment',
  );
  const keyed = compare.getByRole('region', { name: 'Atomic idempotency key' });
  await expect(keyed).toContainText('1 charge for 1 payment');
  await expect(keyed).toContainText('replayed');
});

test('settings change the run: a new key per attempt defeats the atomic key', async ({ page }) => {
  await page.goto('/?scenario=lost-response&strategy=atomic-key&seed=1&lang=en');
  // The drawer opens with the settings shown.
  await page.getByRole('button', { name: 'Seed and settings' }).click();
  await expect(page.getByText('Client, network and key store')).toBeVisible();
  await page
    .getByRole('combobox', { name: 'Idempotency-Key' })
    .selectOption({ label: 'a new key per attempt (bug)' });
  await expect(page).toHaveURL(/key=per-attempt/);
  await page.getByRole('button', { name: 'Close' }).click();
  await toEnd(page);
  await expect(ledger(page)).toContainText('2 charges for 1 payment');
  await page.getByRole('button', { name: 'Seed and settings' }).click();
  await page.getByRole('button', { name: 'Restore the scenario’s settings' }).click();
  await page.keyboard.press('Escape');
  await toEnd(page);
  await expect(ledger(page)).toContainText('1 charge for 1 payment');
});

test('stepping and scrubbing travel in time: the same moment shows the same thing', async ({
  page,
}) => {
  await page.goto('/?scenario=lost-response&strategy=none&seed=1&lang=en');
  const slider = page.getByRole('slider', { name: 'Timeline' });
  // The log draws only the rows in view; its row count says how many it holds.
  const log = page.getByRole('region', { name: 'Event log' }).getByRole('table');
  await toEnd(page);
  await expect(ledger(page)).toContainText('2 charges for 1 payment');
  // The link follows the moment on screen once it rests, so it can be shared.
  await expect(page).toHaveURL(/at=1406/);
  const rowsAtEnd = (await log.getAttribute('aria-rowcount'))!;
  await page.getByRole('button', { name: 'Step back' }).click();
  await expect(log).not.toHaveAttribute('aria-rowcount', rowsAtEnd);
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(ledger(page)).toContainText('0 charges for 1 payment');
  await expect(slider).toHaveValue('0');
  // Space plays and pauses when no control has focus; the arrow keys step.
  await page.getByRole('heading', { name: 'Idempotency Lab' }).click();
  await page.keyboard.press('ArrowRight');
  await expect(slider).not.toHaveValue('0');
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  // On the focused timeline, too, an arrow steps to the next event rather than by 1 ms.
  await slider.focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  expect(Number(await slider.inputValue())).toBeGreaterThan(1);
  await toEnd(page);
  await expect(ledger(page)).toContainText('2 charges for 1 payment');
  await expect(log).toHaveAttribute('aria-rowcount', rowsAtEnd);
  // The lost response is announced when the cursor passes the fault.
  await expect(page.getByTestId('announcer')).not.toBeEmpty();
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`no accessibility violations (axe, ${colorScheme} theme)`, async ({ page }) => {
    // Five full-page axe scans take 20–30 s on two busy cores: more than the default 30 s allows.
    test.slow();
    await page.emulateMedia({ colorScheme });
    // A payment run, and a resource run with its disabled strategy picker and lost update.
    for (const query of ['scenario=lost-response&strategy=none', 'scenario=lost-update']) {
      await page.goto(`/?${query}&seed=1&lang=en`);
      await expect(page.getByTestId('trace-hash')).not.toBeEmpty();
      // At the start of the run, and at its end with every violation on screen.
      for (const moment of ['start', 'end']) {
        if (moment === 'end') await toEnd(page);
        const results = await new AxeBuilder({ page }).analyze();
        expect(
          results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`),
        ).toEqual([]);
      }
    }
    // Compare on, a message opened in the sequence diagram, a live fault listed.
    await page.goto('/?scenario=lost-response&strategy=none&compare=atomic-key&seed=1&lang=en');
    await page.getByRole('button', { name: 'Drop the next request' }).click();
    await toEnd(page);
    const diagram = page.getByRole('region', { name: 'Sequence diagram' });
    await diagram
      .getByRole('button', { name: /POST \/payments/ })
      .first()
      .click();
    await expect(diagram.getByRole('region', { name: 'Selected message' })).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    expect(
      results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`),
    ).toEqual([]);
  });
}

test('on a phone the views stack after the controls and nothing overflows', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/?scenario=lost-response&strategy=none&seed=1&lang=en');
  const controls = await page.getByRole('region', { name: 'Controls' }).boundingBox();
  const result = await ledger(page).boundingBox();
  const invariants = await page.getByRole('region', { name: 'Invariants' }).boundingBox();
  expect(result!.y).toBeGreaterThan(controls!.y);
  expect(result!.y).toBeLessThan(invariants!.y);
  const overflow = () =>
    page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(await overflow()).toBeLessThanOrEqual(0);
  // At the end too, with the duplicate row and its note in the ledger.
  await page.goto('/?scenario=lost-response&strategy=none&seed=1&at=1406&lang=en');
  await expect(ledger(page)).toContainText('duplicate');
  expect(await overflow()).toBeLessThanOrEqual(0);
});
