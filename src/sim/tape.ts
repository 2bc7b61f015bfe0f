/**
 * A tape is the list of choices a run made, as a compact string that is safe in a URL.
 *
 * Format: `1.` (the format version) followed by one variable-length number per choice. Each
 * character of the URL-safe base64 alphabet carries 5 bits of the number and a flag bit that says
 * whether more characters follow, so the common small choices (0–31) cost one character.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VERSION_PREFIX = '1.';
const MORE = 32;

export class TapeFormatError extends Error {
  override name = 'TapeFormatError';
}

export function encodeTape(choices: readonly number[]): string {
  let out = VERSION_PREFIX;
  for (const choice of choices) {
    if (!Number.isInteger(choice) || choice < 0) throw new RangeError(`bad choice ${choice}`);
    let rest = choice;
    while (rest >= MORE) {
      out += ALPHABET[MORE | (rest & 31)];
      rest = Math.floor(rest / 32);
    }
    out += ALPHABET[rest];
  }
  return out;
}

export function decodeTape(tape: string): number[] {
  if (!tape.startsWith(VERSION_PREFIX)) {
    throw new TapeFormatError('a tape starts with "1." followed by letters, digits, "-" and "_"');
  }
  const choices: number[] = [];
  let value = 0;
  let scale = 1;
  let open = false;
  for (let i = VERSION_PREFIX.length; i < tape.length; i++) {
    const digit = ALPHABET.indexOf(tape.charAt(i));
    if (digit < 0) throw new TapeFormatError(`unexpected character "${tape.charAt(i)}" in tape`);
    value += (digit & 31) * scale;
    if (!Number.isSafeInteger(value)) throw new TapeFormatError('tape holds an oversized number');
    if (digit & MORE) {
      scale *= 32;
      open = true;
    } else {
      choices.push(value);
      value = 0;
      scale = 1;
      open = false;
    }
  }
  if (open) throw new TapeFormatError('tape ends in the middle of a choice');
  return choices;
}
