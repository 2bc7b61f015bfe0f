/**
 * npm run screenshots — builds nothing itself: run `npm run build && npm run preview` first, or
 * pass a URL. Saves desktop and phone screenshots of the main screen to docs/.
 */
import { chromium } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { CHROMIUM_ARGS, systemChromium } from './browser.ts';

const base = process.argv[2] ?? 'http://127.0.0.1:4173/';
const shots = [
  {
    name: 'lab-desktop',
    width: 1440,
    height: 900,
    query: '?scenario=lost-response&strategy=none&seed=1&at=1220&lang=en',
    scheme: 'light',
  },
  {
    name: 'lab-desktop-dark',
    width: 1440,
    height: 900,
    query: '?scenario=lost-response&strategy=none&seed=1&compare=atomic-key&at=1406&lang=en',
    scheme: 'dark',
  },
  {
    // The stage at a slide's size: topology, caption, ledger headline, faults and the sequence.
    name: 'lab-stage-1280',
    width: 1280,
    height: 720,
    query: '?scenario=lost-response&strategy=none&seed=1&at=1230&lang=en',
    scheme: 'light',
  },
  {
    name: 'lab-stage-1024',
    width: 1024,
    height: 768,
    query: '?scenario=lost-response&strategy=atomic-key&seed=1&at=1406&lang=en',
    scheme: 'dark',
  },
  {
    // A phone while the run plays, scrolled down: the topology and caption stay pinned on top,
    // the playback bar at the bottom with the one-press live faults in a row over it.
    name: 'lab-phone-playing',
    width: 390,
    height: 844,
    query: '?scenario=lost-response&strategy=none&seed=1&lang=en',
    scheme: 'light',
    touch: true,
    playAndScroll: 900,
  },
  {
    name: 'lab-lost-update',
    width: 1440,
    height: 900,
    query: '?scenario=lost-update&seed=1&at=440&lang=en',
    scheme: 'light',
  },
  {
    name: 'lab-conditional-retry-phone',
    width: 390,
    height: 844,
    query: '?scenario=conditional-retry&seed=1&at=1740&lang=ru',
    scheme: 'dark',
  },
  {
    name: 'lab-phone',
    width: 390,
    height: 844,
    query: '?scenario=lost-response&strategy=none&seed=1&at=1230&lang=ru',
    scheme: 'light',
  },
  {
    // The topology drawn top to bottom on a phone, mid-run: the retry on its way.
    name: 'lab-phone-topology',
    width: 390,
    height: 844,
    query: '?scenario=lost-response&strategy=none&seed=1&at=1230&lang=en',
    scheme: 'light',
    scrollTo: 'Topology',
  },
  {
    // A server that keeps only successes charges a customer who was told "declined".
    name: 'lesson-decline',
    width: 1440,
    height: 900,
    query: '?lang=en#/lesson/best-practices/5',
    scheme: 'light',
  },
  {
    // Every view at once: the server frozen live, the retry and the original both charged.
    name: 'lab-full-page',
    width: 1440,
    height: 900,
    query: '?scenario=happy-path&strategy=none&seed=1&faults=pause%4021%2B1000&at=1100&lang=en',
    scheme: 'light',
    fullPage: true,
  },
  {
    // A prediction answered right: the explanation, and the run ready to prove it.
    name: 'lesson-predict',
    width: 1440,
    height: 900,
    query: '?lang=en#/lesson/idempotency-key/2',
    scheme: 'light',
    answer: 'Two',
  },
  {
    name: 'lesson-sql-phone',
    width: 390,
    height: 844,
    query: '?lang=ru#/lesson/database-constraints/1',
    scheme: 'dark',
  },
  {
    name: 'course',
    width: 1440,
    height: 900,
    query: '?lang=en#/course',
    scheme: 'light',
  },
  {
    name: 'interview',
    width: 1440,
    height: 900,
    query: '?lang=ru#/interview',
    scheme: 'dark',
  },
  {
    // A slide with two embedded stages (public/embed/deck.html), each seeked to its end by the
    // deck's own message, as a speaker's deck would.
    name: 'slide-two-stages',
    width: 1280,
    height: 720,
    query: 'embed/deck.html',
    scheme: 'dark',
    seekFrames: 'end',
  },
  {
    // One stage on a slide for a projector (scale=1.5) at the end of its run: the longest final
    // caption, the ledger's verdict and the sequence with all its lanes, none pushed out.
    name: 'slide-scale-1.5-end',
    width: 1280,
    height: 720,
    query:
      'embed.html?embed=1&scenario=lost-response&strategy=none&seed=1&view=topology,caption,ledger,sequence&scale=1.5&at=end&lang=en',
    scheme: 'light',
  },
] as const;

const executablePath = systemChromium();
const browser = await chromium.launch({
  args: CHROMIUM_ARGS,
  ...(executablePath ? { executablePath } : {}),
});
mkdirSync('docs', { recursive: true });
// `npm run screenshots -- <url> name…` makes only the named shots.
const only = process.argv.slice(3);
for (const shot of shots.filter((s) => only.length === 0 || only.includes(s.name))) {
  const touch = 'touch' in shot && shot.touch;
  const page = await browser.newPage({
    viewport: { width: shot.width, height: shot.height },
    colorScheme: shot.scheme,
    ...(touch ? { hasTouch: true, isMobile: true } : {}),
  });
  await page.goto(base + shot.query);
  await page.getByRole('main').first().waitFor();
  if ('scrollTo' in shot) {
    await page.getByRole('region', { name: shot.scrollTo }).scrollIntoViewIfNeeded();
  }
  if ('playAndScroll' in shot) {
    await page.waitForTimeout(600);
    await page.getByRole('button', { name: 'Play' }).click();
    await page.mouse.wheel(0, shot.playAndScroll);
  }
  if ('seekFrames' in shot) {
    for (const frame of page.frames().slice(1)) await frame.getByTestId('caption').waitFor();
    await page.evaluate((at) => {
      for (const frame of document.querySelectorAll('iframe'))
        frame.contentWindow?.postMessage({ v: 1, type: 'lab:seek', at }, '*');
    }, shot.seekFrames);
  }
  if ('answer' in shot) {
    await page.getByRole('radio', { name: shot.answer }).check();
    await page.getByRole('button', { name: 'Check my answer' }).click();
  }
  await page.waitForTimeout(600);
  await page.screenshot({
    path: `docs/${shot.name}.png`,
    fullPage: 'fullPage' in shot && shot.fullPage,
  });
  await page.close();
}
await browser.close();
console.log(`saved the screenshots to docs/`);
