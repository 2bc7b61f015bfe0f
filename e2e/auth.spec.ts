import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/**
 * Who is calling, and the server's books, as a person sees them: stolen-key picked from the list,
 * the caller's API key in a message's headers, one key held in two scopes, and the charge_id
 * constraint switched off in the settings drawer until the books oracle says what went wrong.
 */
const ledger = (page: Page) => page.getByRole('region', { name: 'Ledger' });
const invariants = (page: Page) => page.getByRole('region', { name: 'Invariants' });

async function toEnd(page: Page) {
  await page.getByRole('slider', { name: 'Timeline' }).focus();
  await page.keyboard.press('End');
}

async function noAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`),
  ).toEqual([]);
}

test('stolen-key: another caller’s request for Ada’s customer gets 403; her own payment is hers', async ({
  page,
}) => {
  test.slow(); // an axe scan of the whole page on two busy cores
  await page.goto('/?lang=en');
  await page
    .getByRole('combobox', { name: 'Scenario' })
    .selectOption({ label: 'Another caller sends my key' });
  await page
    .getByRole('combobox', { name: 'Strategy' })
    .selectOption({ label: 'Atomic idempotency key' });
  await expect(page).toHaveURL(/scenario=stolen-key/);
  await toEnd(page);
  await expect(ledger(page)).toContainText('2 charges for 3 payments');
  await expect(ledger(page)).toContainText('403 Forbidden');
  // The same Idempotency-Key, held once in each caller's scope.
  const keys = page.getByRole('group', { name: 'idempotency_keys' });
  await expect(keys.getByRole('row')).toHaveCount(3);
  await expect(keys.getByRole('row').nth(1)).toContainText('cus_ada');
  await expect(keys.getByRole('row').nth(2)).toContainText('cus_mal');
  await expect(invariants(page)).not.toContainText('violated');

  // Mallory's first request: her own API key, Ada's Idempotency-Key, Ada's customer in the body.
  const diagram = page.getByRole('region', { name: 'Sequence diagram' });
  await diagram
    .getByRole('button', { name: /POST \/payments/ })
    .nth(1)
    .focus();
  await page.keyboard.press('Enter');
  const details = diagram.getByRole('region', { name: 'Selected message' });
  await expect(details).toContainText('client-2 → server');
  await expect(details).toContainText(/Authorization\s*Bearer sk_test_[0-9a-z]{24}/);
  await expect(details).toContainText('"customer": "cus_ada"');
  await noAxeViolations(page);
});

test('stolen-key: the textbook cache hands the other caller Ada’s payment, and a rule breaks', async ({
  page,
}) => {
  await page.goto('/?scenario=stolen-key&strategy=naive-cache&seed=1&lang=en');
  await expect(page.getByTestId('trace-hash')).not.toBeEmpty();
  await toEnd(page);
  await expect(invariants(page)).toContainText('The answer matches the charges: violated');
  await expect(invariants(page)).toContainText('The client saw success for c2-p1');
  await expect(page.getByRole('region', { name: 'Event log' })).toContainText(
    "cache GET ('cus_ada'",
  );
});

test('the charge_id constraint, on and off: the books oracle names the second row', async ({
  page,
}) => {
  await page.goto('/?scenario=key-store-down&strategy=recovery-points&seed=1&lang=en');
  await toEnd(page);
  await expect(invariants(page)).toContainText(
    'One payment row per payment, one per charge: holds',
  );
  await expect(page.getByRole('region', { name: 'Event log' })).toContainText(
    'unique constraint "payments_charge_id_key"',
  );
  await page.getByRole('button', { name: 'Seed and settings' }).click();
  await page
    .getByRole('combobox', { name: 'payments.charge_id' })
    .selectOption({ label: 'not unique: nothing stops a second row' });
  await expect(page).toHaveURL(/chargeid=plain/);
  await page.getByRole('button', { name: 'Close' }).click();
  await toEnd(page);
  await expect(invariants(page)).toContainText(
    'One payment row per payment, one per charge: violated',
  );
  await expect(invariants(page)).toContainText(
    'Charge ch_1 is recorded in more than one payment row: pay_1, pay_2.',
  );
  await expect(ledger(page)).toContainText('duplicate of pay_1');
});
