import { expect, test, type Download, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScenario } from '../src/scenarios/run.ts';
import { buildTimeline } from '../src/report/timeline.ts';
import { callsOf } from '../src/report/calls.ts';

/** Picks an item of the export menu and returns the file the page offers. */
async function exported(page: Page, item: string, timeout = 10_000): Promise<Download> {
  const download = page.waitForEvent('download', { timeout });
  await page.getByRole('button', { name: 'Export' }).click();
  await page.getByRole('button', { name: item }).click();
  return download;
}

const bytesOf = async (download: Download) => readFile((await download.path())!);

test('the topology exports as a standalone SVG and a 2× PNG', async ({ page }) => {
  await page.goto('/?scenario=lost-response&strategy=none&lang=en&at=500');
  const svg = await exported(page, 'Topology as SVG');
  expect(svg.suggestedFilename()).toBe('lost-response-none-500ms-topology.svg');
  const text = (await bytesOf(svg)).toString('utf8');
  expect(text).toMatch(/^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(text).toMatch(/viewBox="0 0 \d+ \d+"/);
  // Styles are inlined: no class from the page's stylesheet is left to resolve.
  expect(text).not.toContain('class=');
  expect(text).toContain('fill:');
  // Colours in plain sRGB, which slide tools read: none of the page's lab() or oklch().
  expect(text).toMatch(/fill:#[0-9a-f]{6}/);
  expect(text).not.toMatch(/lab\(|oklch\(/);
  expect(text).toContain('client-1');

  const png = await bytesOf(await exported(page, 'Topology as PNG (2×)'));
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
  const box = text.match(/viewBox="0 0 (\d+) (\d+)"/)!;
  expect([width, height]).toEqual([Number(box[1]) * 2, Number(box[2]) * 2]);
});

/** The ids of the messages, and the keys of the server's calls, drawn in an exported SVG. */
function drawnIn(svg: string) {
  const ids = (name: string) =>
    [...svg.matchAll(new RegExp(`${name}="([^"]+)"`, 'g'))].map((m) => m[1]!);
  return { messages: ids('data-message').map(Number), calls: ids('data-call') };
}

test('the sequence diagram exports the whole run, not only the rows in its scroll box', async ({
  page,
}) => {
  // At the run's start: the live diagram has drawn nothing yet, the file still holds everything.
  await page.goto('/?scenario=lost-response&strategy=none&seed=1&lang=en');
  await expect(page.getByRole('region', { name: 'Sequence diagram' })).toBeVisible();
  const svg = await exported(page, 'Sequence diagram as SVG');
  expect(svg.suggestedFilename()).toBe('lost-response-none-sequence.svg');
  const text = (await bytesOf(svg)).toString('utf8');
  expect(text).toMatch(/^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(text).not.toContain('class=');
  const run = runScenario({ scenario: 'lost-response', strategy: 'none', seed: 1 });
  const every = buildTimeline(run.trace).spans.map((s) => s.message.id);
  const calls = callsOf(run.trace).map((c) => c.key);
  expect(every.length).toBe(4);
  const drawn = drawnIn(text);
  expect(drawn.messages.sort()).toEqual([...every].sort());
  expect(drawn.calls.sort()).toEqual([...calls].sort());
  // Both charges, as a student would read them, and the lane names in the drawing itself.
  expect(text).toContain('charge €42.00<');
  expect(text).toContain('charge €42.00 again<');
  for (const lane of ['client-1', 'server', 'store', 'provider'])
    expect(text).toContain(`>${lane}<`);

  const png = await bytesOf(await exported(page, 'Sequence diagram as PNG (2×)'));
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  const box = text.match(/viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"/)!;
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([
    Math.round(Number(box[1]) * 2),
    Math.round(Number(box[2]) * 2),
  ]);
});

test('a very long run exports the rows up to the moment, and says which', async ({ page }) => {
  test.slow();
  await page.goto(
    '/?scenario=retry-storm-jitter&strategy=atomic-key&seed=1&payments=100&lang=en&at=end',
  );
  await expect(page.getByRole('region', { name: 'Sequence diagram' })).toBeVisible();
  await page.getByRole('button', { name: 'Export' }).click();
  const item = page.getByRole('button', { name: 'Sequence diagram as SVG', exact: true });
  await expect(item).toHaveAccessibleDescription(/^rows \d+–\d+ of \d+$/);
  const description = await item.evaluate(
    (el) => document.getElementById(el.getAttribute('aria-describedby')!)!.textContent!,
  );
  const [, first, last, of] = description.match(/rows (\d+)–(\d+) of (\d+)/)!.map(Number);
  expect(last).toBe(of);
  expect(last! - first! + 1).toBe(400);
  const download = page.waitForEvent('download');
  await item.click();
  const svg = await download;
  expect(svg.suggestedFilename()).toBe(
    `retry-storm-jitter-atomic-key-sequence-rows-${first}-${last}.svg`,
  );
  const drawn = drawnIn((await bytesOf(svg)).toString('utf8'));
  expect(drawn.messages.length).toBeGreaterThan(50);
});

test('the run exports as a GIF and a WebM video at 1280×720', async ({ page }) => {
  test.slow();
  await page.goto('/?scenario=happy-path&strategy=none&lang=en');
  const gif = await bytesOf(await exported(page, 'The run as an animated GIF (1280×720)', 90_000));
  expect(gif.subarray(0, 6).toString('latin1')).toBe('GIF89a');
  expect([gif.readUInt16LE(6), gif.readUInt16LE(8)]).toEqual([1280, 720]);
  // More than one image in it: it moves.
  expect(gif.toString('latin1').split('\x21\xf9\x04').length - 1).toBeGreaterThan(10);

  const webm = await bytesOf(await exported(page, 'The run as a video (WebM, 1280×720)', 90_000));
  expect(webm.readUInt32BE(0)).toBe(0x1a45dfa3);
  expect(webm.toString('latin1')).toContain('webm');
  expect(webm.length).toBeGreaterThan(10_000);
  // The cursor is back where it was.
  await expect(page.getByRole('slider', { name: 'Timeline' })).toHaveValue('0');
});

test('npm run export writes the same files from the command line, for a batch', async () => {
  test.slow();
  const out = mkdtempSync(join(tmpdir(), 'lab-export-'));
  const printed = execFileSync(
    'npx',
    [
      'tsx',
      'cli/export.ts',
      '--scenario',
      'happy-path,lost-update',
      '--strategy',
      'none',
      '--format',
      'svg,png',
      '--out',
      out,
    ],
    { encoding: 'utf8' },
  );
  const files = readdirSync(out).sort();
  expect(files).toEqual([
    'happy-path-none-208ms-topology.png',
    'happy-path-none-208ms-topology.svg',
    'lost-update-440ms-topology.png',
    'lost-update-440ms-topology.svg',
  ]);
  expect(printed.trim().split('\n')).toHaveLength(4);
});
