import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isValidSeed } from '../src/sim/prng.ts';

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
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    const known = Object.keys(options)
      .map((name) => `--${name}`)
      .join(', ');
    throw new UsageError(`${firstLine(error)} (known flags: ${known})`);
  }
}

export function parseSeed(text: string): number {
  const seed = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || !isValidSeed(seed)) {
    throw new UsageError(
      `--seed must be a whole number from -2147483648 to 4294967295, got "${text}"`,
    );
  }
  return seed;
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
