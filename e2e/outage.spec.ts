import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';

/**
 * A 5xx after the work began: the payment provider down or hanging, and the server's policy for
 * the key (errors5xx): the 500 stored and replayed (Stripe v1), or the key released so that a
 * retry resumes (rocket-rides). Found by role and name, as a person finds them.
 */

const ledger = (page: Page) => page.getByRole('region', { name: 'Ledger' });
const faults = (page: Page) => page.getByRole('region', { name: 'Live faults' });

async function toEnd(page: Page) {
  await page.getByRole('slider', { name: 'Timeline' }).focus();
  await page.keyboard.press('End');
}

/** The CLI's trace hash for the same run, settings included, from a separate Node process. */
function cliHash(args: string[]): string {
  const env = { ...process.env };
  delete env.FORCE_COLOR;
  delete env.NO_COLOR;
  const out = execFileSync('npx', ['tsx', 'cli/sim.ts', ...args, '--json'], {
    encoding: 'utf8',
    env,
  });
  return (JSON.parse(out) as { traceHash: string }).traceHash;
}

test('provider down after the key was claimed: the stored 500 is replayed; released, a retry pays once', async ({
  page,
}) => {
  await page.goto('/?scenario=provider-outage&strategy=locked-key&seed=1&lang=en');
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue('provider-outage');
  await toEnd(page);
  // Stripe v1, the default without recovery points: every retry gets the stored 500 back.
  await expect(ledger(page)).toContainText('0 charges for 1 payment');
  await expect(ledger(page)).toContainText('replayed');
  const log = page.getByRole('region', { name: 'Event log' });
  await expect(log).toContainText('take the payment provider down for 1000 ms');
  await expect(log).toContainText('SET response = 500');

  // rocket-rides: the key is released, and the retry after the outage charges once.
  await page.getByRole('button', { name: 'Seed and settings' }).click();
  const drawer = page.getByRole('dialog');
  await drawer
    .getByRole('combobox', { name: 'A provider failure after the work began (500)' })
    .selectOption({ label: 'key released: a retry resumes (rocket-rides)' });
  await expect(page).toHaveURL(/errors5xx=release/);
  // The declines' setting is another one, named for what it is about.
  await expect(drawer.getByRole('combobox', { name: 'A declined card (402)' })).toBeVisible();
  // The strategy's promise follows the policy: released, its lock cannot stop a second charge.
  await expect(drawer.getByTestId('strategy-promise')).toContainText(
    'Not when the provider fails after the work began and the key is released',
  );
  const scan = await new AxeBuilder({ page }).include('dialog').analyze();
  expect(scan.violations.map((v) => v.id)).toEqual([]);
  await page.keyboard.press('Escape');
  await toEnd(page);
  await expect(ledger(page)).toContainText('1 charge for 1 payment');
  await expect(log).toContainText('SET locked_at = NULL');
  // The page and the command line agree on the run, setting included.
  await expect(page.getByTestId('trace-hash')).toHaveText(
    cliHash([
      '--scenario',
      'provider-outage',
      '--strategy',
      'locked-key',
      '--seed',
      '1',
      '--set',
      'errors5xx=release',
    ]),
  );
});

test('a provider made to hang live: the charge is made, no answer comes, and each keyless retry charges again', async ({
  page,
}) => {
  await page.goto('/?scenario=happy-path&strategy=none&seed=1&lang=en');
  // While the request is on its way to the server, make the provider's calls hang for a second.
  await page.getByRole('button', { name: 'Step forward' }).click();
  await faults(page).getByRole('button', { name: 'Provider hangs for 1 s' }).click();
  await expect(page).toHaveURL(/faults=provider-timeout%40\d+%2B1000/);
  await expect(faults(page)).toContainText('hang calls to the payment provider for 1000 ms');
  await toEnd(page);
  await expect(ledger(page)).toContainText('3 charges for 1 payment');
  await expect(page.getByRole('region', { name: 'Event log' })).toContainText(
    'no answer in time; it may have been charged',
  );
  // With an idempotency key the same hang costs one charge: the 500 is stored, not run again.
  await page.getByRole('combobox', { name: 'Strategy' }).selectOption('atomic-key');
  await toEnd(page);
  await expect(ledger(page)).toContainText('1 charge for 1 payment');
  // The one-press buttons of both outages are reachable and named, and the panel stays axe-clean.
  await expect(faults(page).getByRole('button', { name: 'Provider down for 1 s' })).toBeVisible();
  const scan = await new AxeBuilder({ page }).include('#faults').analyze();
  expect(scan.violations.map((v) => v.id)).toEqual([]);
});

test('the provider’s outage in the topology and the caption, in Russian too', async ({ page }) => {
  await page.goto('/?scenario=provider-timeout&strategy=recovery-points&seed=1&at=300&lang=en');
  await expect(page.getByRole('region', { name: 'Topology' })).toContainText('calls hang');
  await page.goto('/?scenario=provider-outage&strategy=recovery-points&seed=1&at=100&lang=ru');
  await expect(page.getByRole('combobox', { name: 'Сценарий' })).toContainText(
    'Провайдер лёг после захвата ключа',
  );
  await expect(page.getByRole('region', { name: 'Топология' })).toContainText('лежит');
  await expect(page.getByTestId('caption')).toContainText('Провайдер лежит и отклоняет списание');
});
