import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/** Presses Tab until the focused element has this accessible name, as a keyboard user would. */
async function tabTo(page: Page, name: string | RegExp) {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const label = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      // Nothing focused yet (the page is still loading): the body's text names no control.
      if (!el || el === document.body) return '';
      const input = el instanceof HTMLInputElement ? el.closest('label') : null;
      return el.getAttribute('aria-label') ?? (input ?? el).innerText;
    });
    if (typeof name === 'string' ? label.trim() === name : name.test(label)) return;
  }
  throw new Error(`no control named ${String(name)} within 80 Tabs`);
}

const stepTitle = (page: Page) => page.getByTestId('step-title');

/** A step opens at its run's start; the learner plays it (fast, here) to see how it ends. */
async function playTheStep(page: Page) {
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('2');
  await page.getByRole('button', { name: 'Play it' }).click();
}

test('a lesson from start to finish by keyboard alone', async ({ page }) => {
  await page.goto('/?lang=en#/course');
  await tabTo(page, /Lesson 4: Database constraints/);
  await page.keyboard.press('Enter');
  await expect(stepTitle(page)).toContainText('Step 1 of 3');
  await expect(page.getByText('UNIQUE (scope, key)')).toBeVisible();
  await tabTo(page, /^Next/);
  await page.keyboard.press('Enter');
  await expect(stepTitle(page)).toContainText('The race, closed');
  // Predict with the keyboard: focus the first choice, arrow to the answer, check it.
  await tabTo(page, 'One');
  await page.keyboard.press('Space');
  await tabTo(page, 'Check my answer');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Right.' })).toBeVisible();
  await tabTo(page, /^Next/);
  await page.keyboard.press('Enter');
  await expect(stepTitle(page)).toContainText('The crash, closed');
  // The step opens before anything has happened: no verdict yet.
  await expect(page.getByRole('region', { name: 'Ledger' })).toContainText('Nothing has happened');
  await tabTo(page, '▶ Play it');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Ledger' })).toContainText(
    '1 charge for 1 payment',
    { timeout: 40_000 },
  );
  await tabTo(page, /Finish the lesson/);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/lesson\/conditional-requests\/1$/);
  await expect(page.getByRole('status').filter({ hasText: 'Lesson 4 done' })).toBeVisible();
  // The course remembers it, after a reload too.
  await page.goto('/?lang=en#/course');
  await page.reload();
  await expect(
    page.getByRole('listitem').filter({ hasText: 'Database constraints' }),
  ).toContainText('done');
});

test('a prediction answered wrong, then right, then played', async ({ page }) => {
  await page.goto('/?lang=en#/lesson/what-idempotency-means/2');
  const ledger = page.getByRole('region', { name: 'Ledger' });
  await expect(ledger).toContainText('0 charges for 1 payment');
  // The timeline's marks would give the answer away: they wait for the right answer.
  const marks = page.getByRole('list', { name: 'Marks on the timeline' });
  await expect(marks).toHaveCount(0);
  await page.getByRole('radio', { name: 'Once' }).check();
  await page.getByRole('button', { name: 'Check my answer' }).click();
  // A wrong answer teaches: it says why that answer is tempting and not what happens.
  const feedback = page.getByRole('status').filter({ hasText: 'Not quite' });
  await expect(feedback).toContainText('Once');
  await expect(feedback).toContainText('Without a key, the retry is a POST like any other');
  // Next waits for the prediction: skipping it would skip the lesson.
  const next = page.getByRole('button', { name: /^Next/ });
  await expect(next).toBeDisabled();
  await expect(page.getByText('Twice. The retry is a new POST')).toHaveCount(0);
  await page.getByRole('radio', { name: 'Twice' }).check();
  await page.getByRole('button', { name: 'Check my answer' }).click();
  await expect(page.getByText('Twice. The retry is a new POST')).toBeVisible();
  await expect(marks).toBeVisible();
  await expect(next).toBeEnabled();
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('2');
  await page.getByRole('button', { name: 'Play it' }).click();
  await expect(ledger).toContainText('2 charges for 1 payment', { timeout: 20_000 });
  await expect(ledger).toContainText('duplicate');
});

test('a decline is replayed to a late copy; a server that forgets errors charges anyway', async ({
  page,
}) => {
  await page.goto('/?lang=en#/lesson/best-practices/4');
  const ledger = page.getByRole('region', { name: 'Ledger' });
  await page.getByRole('radio', { name: /Replays the stored 402/ }).check();
  await page.getByRole('button', { name: 'Check my answer' }).click();
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('2');
  await page.getByRole('button', { name: 'Play it' }).click();
  await expect(ledger).toContainText('0 charges for 1 payment', { timeout: 20_000 });
  await expect(ledger).toContainText('1 response replayed');
  await expect(ledger).toContainText('topped up €50.00');
  // The next step: the same run on a server that keeps only successes, played to its end.
  await page.getByRole('button', { name: /^Next/ }).click();
  await playTheStep(page);
  await expect(ledger).toContainText('1 charge for 1 payment', { timeout: 20_000 });
  await expect(ledger).toContainText('charged after the client was told it had failed');
});

test('the API reference a server should publish is written from the server that runs', async ({
  page,
}) => {
  await page.goto('/?lang=en#/lesson/best-practices/7');
  const doc = page.getByRole('figure').filter({ hasText: 'API reference should say' });
  await expect(doc).toContainText('409 Conflict: retry later with the same key.');
  await expect(doc).toContainText('422 Unprocessable Content');
  await playTheStep(page);
  await expect(page.getByRole('region', { name: 'Ledger' })).toContainText('409 Conflict', {
    timeout: 20_000,
  });
});

test('a deep link opens its step; the language changes and the step stays', async ({ page }) => {
  await page.goto('/?lang=en#/lesson/conditional-requests/3');
  await expect(stepTitle(page)).toContainText('Step 3 of 3');
  await expect(stepTitle(page)).toContainText('The 412 that means “already done”');
  await page.getByRole('button', { name: 'Русский' }).click();
  await expect(stepTitle(page)).toContainText('Шаг 3 из 3');
  await expect(stepTitle(page)).toContainText('412, который значит «уже сделано»');
  await expect(page).toHaveURL(/lang=ru.*#\/lesson\/conditional-requests\/3$/);
  // A link to a step that does not exist says so and opens the course.
  await page.goto('/?lang=en#/lesson/no-such-lesson/9');
  await expect(page.getByRole('status')).toContainText('There is no such lesson or step');
  await expect(page.getByRole('heading', { name: 'Course' })).toBeVisible();
});

test('a task waits for the learner: drop the response, and the step is done', async ({ page }) => {
  await page.goto('/?lang=en#/lesson/what-idempotency-means/4');
  await expect(page.getByText('Waiting for you to do it…')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Next/ })).toBeDisabled();
  // The task's own button is the one in Live faults, brought beside the instruction.
  await page.getByRole('button', { name: 'Drop the next response' }).first().click();
  await expect(page.getByText('Done — now play it')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Next/ })).toBeEnabled();
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('2');
  await page.getByRole('button', { name: '▶ Play it' }).click();
  await expect(page.getByText('You did it')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('region', { name: 'Ledger' })).toContainText('2 charges');
  await expect(page.getByRole('button', { name: /^Next/ })).toBeEnabled();
  // Too late: a drop added after the answer arrived changes nothing, and the step says so.
  await page.goto('/?lang=en#/lesson/what-idempotency-means/4');
  await page.getByRole('slider', { name: 'Timeline' }).focus();
  await page.keyboard.press('End');
  await page.getByRole('button', { name: 'Drop the next response' }).first().click();
  await expect(page.getByText('your fault came too late')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Next/ })).toBeDisabled();
});

test('interview mode: every question has an answer and a link into the simulator', async ({
  page,
}) => {
  await page.goto('/?lang=en#/interview');
  const questions = page.getByRole('article');
  await expect(questions).toHaveCount(11);
  // "Show me" opens the simulator in place: no page load (a mark left on the page survives).
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  const showMe = page.getByRole('link', { name: /Show me: Why is “check a cache/ });
  await expect(showMe).toHaveAttribute('href', /at=end/);
  await showMe.click();
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue('concurrent-retries');
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
  await expect(page.getByRole('region', { name: 'Ledger' }).first()).toContainText(
    '2 charges for 1 payment',
  );
  // The way back leads to the same question, in view and focused.
  await page.getByRole('link', { name: '← Back to the question' }).click();
  await expect(page.getByRole('heading', { name: /Why is “check a cache/ })).toBeFocused();
  // The browser's own Back returns from the simulator to the list as well.
  await page.getByRole('link', { name: /Show me: How long do you keep/ }).click();
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue('key-expired');
  await page.goBack();
  await expect(page.getByRole('article')).toHaveCount(11);
  // A link opened fresh at its end shows the same run.
  await page.goto('/?scenario=concurrent-retries&strategy=naive-cache&seed=1&at=end&lang=en');
  await expect(page.getByRole('region', { name: 'Ledger' }).first()).toContainText(
    '2 charges for 1 payment',
  );
});

test('“Just show me” gives the answer without a guess, and lets the learner go on', async ({
  page,
}) => {
  await page.goto('/?lang=en#/lesson/idempotency-key/2');
  await expect(page.getByRole('button', { name: /^Next/ })).toBeDisabled();
  await expect(page.getByText('Answer the question first')).toBeVisible();
  await page.getByRole('button', { name: 'Just show me' }).click();
  await expect(page.getByText('Two. Both requests look up the key')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Next/ })).toBeEnabled();
});

test('the matrix: every scenario under every strategy, each cell opening its run', async ({
  page,
}) => {
  await page.goto('/?lang=en#/course');
  await page.getByRole('link', { name: /Every scenario under every strategy/ }).click();
  const table = page.getByRole('table');
  await expect(table.getByRole('columnheader')).toHaveCount(7);
  const cell = table.getByRole('link', { name: /^Lost response, No idempotency: double charge/ });
  await expect(cell).toBeVisible();
  await expect(
    table.getByRole('link', {
      name: /^Key store down, failing closed, Atomic idempotency key: no double charge, 503/,
    }),
  ).toBeVisible();
  await cell.click();
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue('lost-response');
  await expect(page.getByRole('combobox', { name: 'Strategy' }).first()).toHaveValue('none');
});

test('the glossary: a link to one term brings it into view, and its run opens in the lab', async ({
  page,
}) => {
  await page.goto('/?lang=en#/glossary/lease');
  await expect(page.getByRole('heading', { name: 'Lease' })).toBeFocused();
  await page.getByRole('link', { name: 'See it in the lab: Request fingerprint' }).click();
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue('payload-mismatch');
});

/** The course's pages, in groups small enough for one test's time on two busy cores. */
const COURSE_PAGES = {
  'a lesson and the interview list': [
    '#/lesson/what-idempotency-means/2',
    '#/lesson/http-methods/1',
    '#/lesson/best-practices/5',
    '#/lesson/best-practices/7',
    '#/interview',
    '#/course',
  ],
  'the matrix and the glossary': ['#/matrix', '#/glossary'],
};

for (const [pages, hashes] of Object.entries(COURSE_PAGES)) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`no accessibility violations in ${pages} (${colorScheme})`, async ({ page }) => {
      // A full-page axe scan per page: more than the default 30 s on two busy cores.
      test.slow();
      await page.emulateMedia({ colorScheme });
      for (const hash of hashes) {
        await page.goto(`/?lang=en${hash}`);
        await expect(page.locator('main')).toBeVisible();
        await page.waitForTimeout(300);
        const results = await new AxeBuilder({ page }).analyze();
        expect(
          results.violations.map(
            (v) => `${hash} ${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`,
          ),
        ).toEqual([]);
      }
    });
  }
}
