import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/** Retries as AWS describes them, as a learner meets them on the page. */
const ledger = (page: Page) => page.getByRole('region', { name: 'Ledger' });
const eventLog = (page: Page) => page.getByRole('region', { name: 'Event log' });
const diagram = (page: Page) => page.getByRole('region', { name: 'Sequence diagram' });

async function toEnd(page: Page) {
  await page.getByRole('slider', { name: 'Timeline' }).focus();
  await page.keyboard.press('End');
}

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`),
  ).toEqual([]);
}

test('the settings offer AWS’s three jitters, a retry budget and an overload limit, each in the link', async ({
  page,
}) => {
  await page.goto('/?scenario=retry-storm&strategy=atomic-key&seed=1&lang=en');
  await page.getByRole('button', { name: 'Seed and settings' }).click();
  const retry = page.getByRole('combobox', { name: 'Retry policy' });
  for (const label of [
    'exponential backoff with full jitter',
    'exponential backoff with equal jitter',
    'decorrelated jitter',
  ])
    await expect(retry.getByRole('option', { name: label })).toHaveCount(1);
  await retry.selectOption({ label: 'decorrelated jitter' });
  await expect(page).toHaveURL(/retry=decorrelated-jitter/);
  await page
    .getByRole('combobox', { name: 'Retry budget (token bucket)' })
    .selectOption({ label: '50 tokens, shared by all clients' });
  await expect(page).toHaveURL(/budget=on/);
  await page
    .getByRole('combobox', { name: 'Server’s limit on requests at once' })
    .selectOption({ label: 'at most 4, then 429' });
  await expect(page).toHaveURL(/limit=4/);
  await expectNoAxeViolations(page);
});

test('a retry storm drains the shared budget: the ledger, the event log and the caption say so', async ({
  page,
}) => {
  // Client 6 is the first whose retry the empty bucket refuses, at 1025 ms.
  await page.goto('/?scenario=retry-storm&strategy=atomic-key&seed=1&budget=on&lang=en&at=1025');
  await expect(page.getByTestId('caption')).toContainText(
    'Client 6 gave up waiting: timeout. It would retry, but a retry costs 10 tokens and the retry budget all the clients share holds 0',
  );
  await expect(eventLog(page)).toContainText('c5-p1 retries: 10 tokens spent, 0 left');
  await expect(eventLog(page)).toContainText('c6-p1 would retry for 10 tokens, only 0 left');
  await toEnd(page);
  await expect(ledger(page)).toContainText('0 charges for 12 payments');
  await expect(page.getByTestId('retry-budget')).toHaveText(
    'Retry budget: 0 tokens left, 12 retries refused (a refused client gives up at once).',
  );
  await expect(ledger(page)).toContainText('Server load: 17 requests reached it');
  await expectNoAxeViolations(page);
});

test('over its limit the server answers 429 with Retry-After, shown in the message and the log', async ({
  page,
}) => {
  // The third wave of retries reaches the restarted server at 3.26 s: four are served, eight not.
  await page.goto('/?scenario=retry-storm&strategy=atomic-key&seed=1&limit=4&lang=en&at=3320');
  await expect(eventLog(page)).toContainText('429 Too Many Requests (Retry-After: 1 s) → client-');
  const refusal = diagram(page)
    .getByRole('button', { name: /429 Too Many Requests/ })
    .first();
  await refusal.click();
  const details = page.getByRole('region', { name: 'Selected message' });
  await expect(details).toContainText('Retry-After');
  await expect(details.getByRole('definition').filter({ hasText: /^1$/ })).toHaveCount(1);
  await toEnd(page);
  await expect(ledger(page)).toContainText('12 charges for 12 payments');
  await expect(ledger(page)).toContainText('429 Too Many Requests');
});

test('the retries lesson asks what a budget does to a storm, and the run answers', async ({
  page,
}) => {
  await page.goto('/?lang=en#/lesson/retries/5');
  await expect(page.getByTestId('step-title')).toContainText('A retry budget');
  await page.getByRole('radio', { name: 'None' }).check();
  await page.getByRole('button', { name: 'Check my answer' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Right.' })).toBeVisible();
  await expectNoAxeViolations(page);
});
