/**
 * npm run stats [-- --json]
 *
 * Counts what issue 12 asked to be measured before and after the seams were typed: casts (`as`,
 * not `as const`) and non-null assertions outside tests, in `src/model` and in all of `src`;
 * functions over 70 lines outside data files; and import cycles, type-only imports included.
 */
import { isMain, parseFlags, runCli } from './args.ts';
import { fileStats, importCycles, isTest, LONG_FUNCTION_LINES, sourceFiles } from './codeStats.ts';

/** Texts and tables: long because they hold data, not logic. */
const DATA_FILES = [
  /^src\/i18n\//,
  /^src\/scenarios\/(catalogue|resourceCatalogue|lessons|interview|outline)\.ts$/,
];
const isData = (file: string) => DATA_FILES.some((pattern) => pattern.test(file));

export function measureSource() {
  const all = [...sourceFiles('src'), ...sourceFiles('cli'), ...sourceFiles('e2e')];
  const shipped = all.filter((f) => f.startsWith('src/') && !isTest(f)).map((f) => fileStats(f));
  const sum = (files: typeof shipped, key: 'casts' | 'nonNull') =>
    files.reduce((n, f) => n + f[key], 0);
  const model = shipped.filter((f) => f.file.startsWith('src/model/'));
  const longFunctions = shipped
    .filter((f) => !isData(f.file))
    .flatMap((f) => f.longFunctions.map((fn) => ({ file: f.file, ...fn })));
  return {
    casts: { model: sum(model, 'casts'), src: sum(shipped, 'casts') },
    nonNull: { model: sum(model, 'nonNull'), src: sum(shipped, 'nonNull') },
    cycles: importCycles(all),
    longFunctions,
    castsByFile: shipped
      .filter((f) => f.casts > 0)
      .map((f) => ({ file: f.file, casts: f.casts, nonNull: f.nonNull }))
      .sort((a, b) => b.casts - a.casts),
  };
}

function format(report: ReturnType<typeof measureSource>): string {
  return [
    `casts (as, not as const), outside tests: src/model ${report.casts.model}, src ${report.casts.src}`,
    `non-null assertions, outside tests: src/model ${report.nonNull.model}, src ${report.nonNull.src}`,
    `import cycles, type-only imports included: ${report.cycles.length}`,
    ...report.cycles.map((c) => `  ${c.join(' ↔ ')}`),
    `functions over ${LONG_FUNCTION_LINES} lines outside data files: ${report.longFunctions.length}`,
    ...report.longFunctions.map((f) => `  ${f.lines} lines  ${f.file} ${f.name}`),
    'casts by file:',
    ...report.castsByFile.map((f) => `  ${String(f.casts).padStart(4)}  ${f.file}`),
  ].join('\n');
}

if (isMain(import.meta.url)) {
  runCli('stats', () => {
    const flags = parseFlags(process.argv.slice(2), { json: { type: 'boolean' } });
    const report = measureSource();
    process.stdout.write((flags.json ? JSON.stringify(report, null, 2) : format(report)) + '\n');
  });
}
