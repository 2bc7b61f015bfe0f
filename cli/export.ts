/**
 * npm run export -- --scenario <id,id…|all> [--strategy <id,id…>] [--seed <n>] [--faults …]
 *                   [--format webm,gif,svg,png] [--drawing topology,sequence] [--at <ms>|end]
 *                   [--lang en|ru] [--theme light|dark] [--out <folder>]
 *
 * Exports runs for slides that cannot embed a live page (Keynote, PowerPoint, Google Slides): the
 * stage as a WebM video or a GIF at 1280×720, a drawing as a standalone SVG or a 2× PNG. It builds
 * the site if there is no build, serves it, and drives the page's own Export menu in headless
 * Chromium, so the files are exactly those the button gives.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium, type Page } from '@playwright/test';
import { preview } from 'vite';
import { CHROMIUM_ARGS, systemChromium } from '../e2e/browser.ts';
import { en, type Messages } from '../src/i18n/en.ts';
import { ru } from '../src/i18n/ru.ts';
import { isLang, type Lang } from '../src/i18n/i18n.ts';
import { isResourceScenario, SCENARIO_IDS, type ScenarioId } from '../src/scenarios/ids.ts';
import { parseFaultsFor } from '../src/scenarios/faults.ts';
import { specOf, type RunSpec } from '../src/scenarios/spec.ts';
import { toSearch } from '../src/state/url.ts';
import {
  isMain,
  parseFlags,
  parseSeed,
  pickScenario,
  pickStrategyFor,
  UsageError,
  firstLine,
} from './args.ts';

const OPTIONS = {
  scenario: { type: 'string' },
  strategy: { type: 'string' },
  seed: { type: 'string' },
  faults: { type: 'string' },
  format: { type: 'string' },
  drawing: { type: 'string' },
  at: { type: 'string' },
  lang: { type: 'string' },
  theme: { type: 'string' },
  out: { type: 'string' },
  help: { type: 'boolean' },
} as const;

const USAGE =
  'usage: npm run export -- --scenario <id,id…|all> [--strategy <id,id…>] [--seed <n>] [--faults kind@ms,…] [--format webm,gif,svg,png] [--drawing topology,sequence] [--at <ms>|end] [--lang en|ru] [--theme light|dark] [--out <folder>]';

const FORMATS = ['webm', 'gif', 'svg', 'png'] as const;
type Format = (typeof FORMATS)[number];
const DRAWINGS = ['topology', 'sequence'] as const;
type Drawing = (typeof DRAWINGS)[number];

/** What to export, checked before any browser starts. */
export interface ExportPlan {
  specs: RunSpec[];
  formats: Format[];
  drawings: Drawing[];
  at: number | 'end';
  lang: Lang;
  theme: 'light' | 'dark';
  out: string;
}

/** The item of the page's Export menu that gives each file, in the page's language. */
function menuItem(t: Messages, format: Format, drawing: Drawing): string {
  const drawn = drawing === 'topology';
  if (format === 'svg') return drawn ? t.export.topologySvg : t.export.sequenceSvg;
  if (format === 'png') return drawn ? t.export.topologyPng : t.export.sequencePng;
  return t.export[format];
}

export function planOf(argv: string[]): ExportPlan | string {
  const flags = parseFlags(argv, OPTIONS);
  if (flags.help) return USAGE;
  if (flags.scenario === undefined) throw new UsageError(`--scenario is required\n${USAGE}`);
  const scenarios =
    flags.scenario === 'all' ? [...SCENARIO_IDS] : listOf(flags.scenario).map(pickScenario);
  const strategies = flags.strategy === undefined ? [undefined] : listOf(flags.strategy);
  const seed = flags.seed === undefined ? 1 : parseSeed(flags.seed);
  const specs = scenarios.flatMap((scenario) =>
    // A resource scenario has no strategy: one run, whatever strategies were named.
    (isResourceScenario(scenario) ? [undefined] : strategies).map((strategy) =>
      specFor(scenario, strategy, seed, flags.faults),
    ),
  );
  return {
    specs: dedupe(specs),
    formats: oneOf('--format', flags.format ?? 'webm,svg', FORMATS),
    drawings: oneOf('--drawing', flags.drawing ?? 'topology', DRAWINGS),
    at: parseAt(flags.at),
    lang: parseLang(flags.lang),
    theme: oneOf('--theme', flags.theme ?? 'light', ['light', 'dark'] as const)[0]!,
    out: flags.out ?? 'exports',
  };
}

function specFor(
  scenario: ScenarioId,
  strategy: string | undefined,
  seed: number,
  faults: string | undefined,
): RunSpec {
  const chosen = pickStrategyFor(scenario, isResourceScenario(scenario) ? undefined : strategy);
  const parsed = faults === undefined ? { faults: [], bad: [] } : parseFaultsFor(scenario, faults);
  if (parsed.bad.length)
    throw new UsageError(`--faults: ${parsed.bad.join(', ')} does not fit ${scenario}`);
  return { ...specOf(scenario, { strategy: chosen, seed }), faults: parsed.faults };
}

const listOf = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function oneOf<T extends string>(flag: string, text: string, allowed: readonly T[]): T[] {
  const values = listOf(text);
  const bad = values.filter((v) => !(allowed as readonly string[]).includes(v));
  if (bad.length || values.length === 0)
    throw new UsageError(`${flag} takes ${allowed.join(', ')}, got "${text}"`);
  return allowed.filter((a) => values.includes(a));
}

function parseAt(text: string | undefined): number | 'end' {
  if (text === undefined || text === 'end') return 'end';
  if (!/^\d+$/.test(text)) throw new UsageError(`--at takes milliseconds or "end", got "${text}"`);
  return Number(text);
}

function parseLang(text: string | undefined): Lang {
  if (text === undefined) return 'en';
  if (!isLang(text)) throw new UsageError(`--lang takes en or ru, got "${text}"`);
  return text;
}

const dedupe = (specs: RunSpec[]) => [
  ...new Map(specs.map((s) => [toSearch(s, 'en'), s])).values(),
];

/** Serves the build (building it first if there is none) on a free port. */
async function serveBuild() {
  if (!existsSync('dist/index.html')) {
    process.stderr.write('export: no build yet, running npm run build…\n');
    execFileSync('npm', ['run', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const server = await preview({
    preview: { port: 0, host: '127.0.0.1', strictPort: false },
    logLevel: 'silent',
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('the preview server did not say where it listens');
  return { url, close: () => server.close() };
}

/** Exports every file of the plan, printing each path as it is written. */
export async function runExport(plan: ExportPlan, log: (line: string) => void): Promise<void> {
  mkdirSync(plan.out, { recursive: true });
  const server = await serveBuild();
  const executablePath = systemChromium();
  const browser = await chromium.launch({
    args: CHROMIUM_ARGS,
    ...(executablePath ? { executablePath } : {}),
  });
  try {
    const page = await browser.newPage({
      viewport: { width: 1440, height: 900 },
      colorScheme: plan.theme,
      acceptDownloads: true,
    });
    const t = plan.lang === 'ru' ? ru : en;
    for (const spec of plan.specs) {
      await page.goto(`${server.url}${toSearch(spec, plan.lang, plan.at)}`);
      for (const format of plan.formats)
        for (const drawing of format === 'webm' || format === 'gif' ? [DRAWINGS[0]] : plan.drawings)
          log(await exportOne(page, t, menuItem(t, format, drawing), plan.out));
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

/** Picks one item of the Export menu and saves the file the page offers. */
async function exportOne(page: Page, t: Messages, item: string, out: string): Promise<string> {
  const download = page.waitForEvent('download', { timeout: 600_000 });
  await page.getByRole('button', { name: t.export.button, exact: true }).click();
  await page.getByRole('button', { name: item, exact: true }).click();
  const file = await download;
  const path = join(out, file.suggestedFilename());
  await file.saveAs(path);
  return path;
}

if (isMain(import.meta.url)) {
  try {
    const plan = planOf(process.argv.slice(2));
    if (typeof plan === 'string') console.log(plan);
    else await runExport(plan, (line) => console.log(`wrote ${line}`));
  } catch (error) {
    process.stderr.write(`export: ${firstLine(error)}\n`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  }
}
