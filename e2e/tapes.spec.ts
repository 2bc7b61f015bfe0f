import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';

/** A CLI's JSON output, from a separate Node process. */
function cliJson(script: string, args: string[]): unknown {
  const env = { ...process.env };
  // Playwright sets FORCE_COLOR for its workers; the CLI's JSON needs neither colour setting.
  delete env.FORCE_COLOR;
  delete env.NO_COLOR;
  const out = execFileSync('npx', ['tsx', script, ...args, '--json'], { encoding: 'utf8', env });
  return JSON.parse(out);
}

/** The CLI's tape and trace hash for a run. */
const cliRun = (scenario: string, strategy: string, seed: number) =>
  cliJson('cli/sim.ts', [
    '--scenario',
    scenario,
    '--strategy',
    strategy,
    '--seed',
    String(seed),
  ]) as {
    tape: string;
    traceHash: string;
  };

test('a tape from the command line opens exactly that run in the page', async ({ page }) => {
  const { tape, traceHash } = cliRun('flaky-network', 'atomic-key', 77);
  await page.goto(`/?scenario=flaky-network&strategy=atomic-key&tape=${tape}&lang=en`);
  await expect(page.getByTestId('trace-hash')).toHaveText(traceHash);
  await expect(page.getByTestId('tape')).toContainText(tape.slice(0, 100));
  await expect(page.getByRole('status')).toHaveCount(0);
  // The address keeps the tape while the run is the tape's, so copying it shares this run.
  await expect.poll(() => new URL(page.url()).searchParams.get('tape')).toBe(tape);
  // A new seed makes a new run: the tape no longer applies, and leaves the link.
  await page.getByRole('button', { name: 'Seed and settings' }).click();
  await page.getByRole('button', { name: 'New seed' }).click();
  await expect.poll(() => new URL(page.url()).searchParams.get('tape')).toBeNull();
  await expect(page.getByTestId('trace-hash')).not.toHaveText(traceHash);
});

test('a tape that does not fit gets the friendly notice and the seed’s run', async ({ page }) => {
  const other = cliRun('happy-path', 'none', 1);
  const seeded = cliRun('flaky-network', 'atomic-key', 3);
  for (const tape of [other.tape, 'not-a-tape']) {
    await page.goto(`/?scenario=flaky-network&strategy=atomic-key&seed=3&tape=${tape}&lang=en`);
    await expect(page.getByRole('status')).toContainText(`tape=${tape.slice(0, 20)}`);
    await expect(page.getByTestId('trace-hash')).toHaveText(seeded.traceHash);
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await expect(page.getByRole('status')).toHaveCount(0);
  }
});

test('an explorer witness’s link opens exactly that run in the page', async ({ page }) => {
  const args = ['--scenario', 'lost-response', '--strategy', 'none'];
  const { witness } = cliJson('cli/explore.ts', args) as {
    witness: { tape: string; link: string; command: string };
  };
  // The witness as its command replays it: `npm run sim` with the scope's flags and the tape.
  const scopeFlags = ['--losses', '1', '--duplicates', '0', '--crashes', '0'];
  expect(witness.command).toContain(scopeFlags.join(' '));
  const { traceHash } = cliJson('cli/sim.ts', [...args, ...scopeFlags, '--tape', witness.tape]) as {
    traceHash: string;
  };
  await page.goto(`/${witness.link}&lang=en`);
  await expect(page.getByTestId('trace-hash')).toHaveText(traceHash);
  await expect(page.getByRole('status')).toHaveCount(0);
  const param = (name: string) => new URL(page.url()).searchParams.get(name);
  await expect.poll(() => param('scope')).toBe('losses1.duplicates0.crashes0');
  expect(param('tape')).toBe(witness.tape);
  // The controls describe the plain scenario: a new seed leaves the explored schedule behind.
  await page.getByRole('button', { name: 'Seed and settings' }).click();
  await page.getByRole('button', { name: 'New seed' }).click();
  await expect.poll(() => param('scope')).toBeNull();
  expect(param('tape')).toBeNull();
  await expect(page.getByTestId('trace-hash')).not.toHaveText(traceHash);
});

test('a malformed scope gets the friendly notice and the plain scenario', async ({ page }) => {
  const seeded = cliRun('lost-response', 'none', 3);
  await page.goto(
    '/?scenario=lost-response&strategy=none&seed=3&scope=losses99&tape=1.BAAA&lang=en',
  );
  await expect(page.getByRole('status')).toContainText('scope=losses99');
  await expect(page.getByTestId('trace-hash')).toHaveText(seeded.traceHash);
});
