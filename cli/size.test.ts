import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initialScripts, measureDist } from './size.ts';

const HTML = `<!doctype html><html><head>
<script type="module" crossorigin src="./assets/index-a.js"></script>
<link rel="modulepreload" crossorigin href="./assets/run-b.js">
<link rel="stylesheet" crossorigin href="./assets/index-c.css">
</head><body></body></html>`;

describe('npm run size', () => {
  it('counts the entry script and the chunks it preloads as the first screen, not styles', () => {
    expect(initialScripts(HTML)).toEqual(['assets/index-a.js', 'assets/run-b.js']);
  });

  it('measures gzip sizes from a build, and lists the lazy chunks apart', () => {
    const dist = mkdtempSync(join(tmpdir(), 'size-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), HTML);
    writeFileSync(join(dist, 'assets/index-a.js'), 'x'.repeat(10_000));
    writeFileSync(join(dist, 'assets/run-b.js'), 'export const y = 1;');
    writeFileSync(join(dist, 'assets/lazy-d.js'), 'export const z = 2;');
    const report = measureDist(dist);
    expect(report.initial.map((f) => f.file)).toEqual(['assets/index-a.js', 'assets/run-b.js']);
    expect(report.lazy.map((f) => f.file)).toEqual(['assets/lazy-d.js']);
    // Ten thousand equal bytes gzip to a few dozen: the figure is compressed size, not raw.
    expect(report.initial[0]!.gzipBytes).toBeLessThan(200);
    expect(report.initialKb).toBeLessThan(report.budgetKb);
  });

  it('says what to do when there is no build', () => {
    expect(() => measureDist(join(tmpdir(), 'no-such-dist'))).toThrow(/npm run build/);
  });
});
