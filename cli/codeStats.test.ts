import { describe, expect, it } from 'vitest';
import { fileStats, importCycles, sourceFiles } from './codeStats.ts';

describe('npm run stats', () => {
  it('finds no import cycle in the project, type-only imports included', () => {
    // import-x/no-cycle skips `import type`; a cycle through types still ties two designs together.
    const files = [...sourceFiles('src'), ...sourceFiles('cli'), ...sourceFiles('e2e')];
    expect(importCycles(files)).toEqual([]);
  });

  it('counts casts but not `as const`, non-null assertions, and long functions by name', () => {
    const body = Array.from({ length: 71 }, (_, i) => `  const x${i} = ${i};`).join('\n');
    const text = [
      'const a = 1 as number;',
      'const b = [1] as const;',
      'const c = <string>(a as unknown);',
      'const d = new Map<string, number>().get("x")!;',
      `function long() {\n${body}\n}`,
    ].join('\n');
    const stats = fileStats('x.ts', text);
    expect(stats.casts).toBe(3);
    expect(stats.nonNull).toBe(1);
    expect(stats.longFunctions).toEqual([{ name: 'long', lines: 73 }]);
  });
});
