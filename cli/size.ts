/**
 * npm run size [-- --dist <folder>] [-- --json]
 *
 * The JavaScript the first screen loads, gzipped: the entry script of `index.html` and every chunk
 * it preloads, measured from a build (`npm run build` first). Everything else — the course, the
 * Russian texts, the lazy views — loads when it is needed and is listed apart. Exits 1 when the
 * first screen's total is over the budget (DESIGN.md §7: 130 KB), so a test run that builds can
 * hold the line; sizes are bytes, not timings, and do not depend on how busy the machine is.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { isMain, parseFlags, runCli, UsageError } from './args.ts';

/** The budget for the first screen's JavaScript, in kilobytes (1000 bytes) of gzip. */
export const INITIAL_JS_BUDGET_KB = 130;

export interface SizeReport {
  initial: { file: string; gzipBytes: number }[];
  initialKb: number;
  budgetKb: number;
  lazy: { file: string; gzipBytes: number }[];
}

const gzipBytes = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length;
const kb = (bytes: number) => Math.round(bytes / 100) / 10;

/** The scripts `index.html` loads at once: its module entry and the chunks it preloads. */
export function initialScripts(html: string): string[] {
  const found = [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="\.?\/?([^"]+\.js)"/g)];
  return [...new Set(found.map((m) => m[1]!))];
}

export function measureDist(dist: string): SizeReport {
  let html: string;
  try {
    html = readFileSync(join(dist, 'index.html'), 'utf8');
  } catch {
    throw new UsageError(`no build in ${dist}: run \`npm run build\` first`);
  }
  const initialFiles = initialScripts(html);
  const initial = initialFiles.map((file) => ({ file, gzipBytes: gzipBytes(join(dist, file)) }));
  const lazy = readdirSync(join(dist, 'assets'))
    .map((name) => `assets/${name}`)
    .filter((file) => file.endsWith('.js') && !initialFiles.includes(file))
    .map((file) => ({ file, gzipBytes: gzipBytes(join(dist, file)) }))
    .sort((a, b) => b.gzipBytes - a.gzipBytes);
  const total = initial.reduce((sum, f) => sum + f.gzipBytes, 0);
  return { initial, initialKb: kb(total), budgetKb: INITIAL_JS_BUDGET_KB, lazy };
}

function formatReport(report: SizeReport): string {
  const line = (f: { file: string; gzipBytes: number }) =>
    `  ${String(kb(f.gzipBytes)).padStart(6)} KB  ${f.file}`;
  const verdict = report.initialKb <= report.budgetKb ? 'within' : 'OVER';
  return [
    `First screen: ${report.initialKb} KB gzip, ${verdict} the budget of ${report.budgetKb} KB`,
    ...report.initial.map(line),
    'Loaded when needed:',
    ...report.lazy.map(line),
  ].join('\n');
}

if (isMain(import.meta.url)) {
  runCli('size', () => {
    const flags = parseFlags(process.argv.slice(2), {
      dist: { type: 'string' },
      json: { type: 'boolean' },
    });
    const report = measureDist(flags.dist ?? 'dist');
    process.stdout.write(
      (flags.json ? JSON.stringify(report, null, 2) : formatReport(report)) + '\n',
    );
    if (report.initialKb > report.budgetKb) process.exitCode = 1;
  });
}
