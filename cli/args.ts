import { parseArgs, type ParseArgsConfig } from 'node:util';
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { isValidSeed, MAX_SEED } from '../src/sim/prng.ts';

/**
 * Shared command-line plumbing: strict flag parsing, and one-line errors with exit code 2 instead
 * of stack traces, as the lab promises for every kind of bad input.
 */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function parseFlags<T extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: T,
) {
  try {
    const args = joinNegativeValues(argv, options);
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    const known = Object.keys(options)
      .map((name) => `--${name}`)
      .join(', ');
    throw new UsageError(`${firstLine(error)} (known flags: ${known})`);
  }
}

/**
 * `--seed -1` would read as two flags; joining it to `--seed=-1` lets the value's own check
 * explain what is wrong with it.
 */
function joinNegativeValues(
  argv: string[],
  options: NonNullable<ParseArgsConfig['options']>,
): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const next = argv[i + 1];
    const takesValue = flag.startsWith('--') && options[flag.slice(2)]?.type === 'string';
    if (takesValue && next !== undefined && /^-\d/.test(next)) {
      out.push(`${flag}=${next}`);
      i++;
    } else out.push(flag);
  }
  return out;
}

export function parseSeed(text: string): number {
  const seed = Number(text);
  if (!/^\d+$/.test(text.trim()) || !isValidSeed(seed)) {
    throw new UsageError(`--seed must be a whole number from 0 to ${MAX_SEED}, got "${text}"`);
  }
  return seed;
}

/** True when this module is the program being run (robust to symlinks and escaped paths). */
export function isMain(moduleUrl: string): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return moduleUrl === pathToFileURL(realpathSync(script)).href;
  } catch {
    return false;
  }
}

export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}

/** Runs a CLI's main; a usage problem or bad input ends it with one line on stderr and code 2. */
export function runCli(name: string, main: () => void): void {
  try {
    main();
  } catch (error) {
    const expected =
      error instanceof UsageError || (error instanceof Error && /Tape/.test(error.name));
    process.stderr.write(`${name}: ${firstLine(error)}\n`);
    process.exitCode = expected ? 2 : 1;
  }
}
