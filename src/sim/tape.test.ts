import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeTape, encodeTape, TapeFormatError } from './tape.ts';

describe('tape encoding', () => {
  it('round-trips any list of choices', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 2 ** 40 })), (choices) => {
        expect(decodeTape(encodeTape(choices))).toEqual(choices);
      }),
    );
  });

  it('is safe in a URL as it is', () => {
    fc.assert(
      fc.property(fc.array(fc.nat()), (choices) => {
        const tape = encodeTape(choices);
        expect(encodeURIComponent(tape)).toBe(tape);
      }),
    );
  });

  it('spends one character on a small choice', () => {
    expect(encodeTape([0, 1, 31])).toBe('1.ABf');
    expect(encodeTape([32]).length).toBe('1.'.length + 2);
  });

  it.each([
    ['', 'starts with'],
    ['2.AB', 'starts with'],
    ['1.A*B', 'unexpected character'],
    ['1.g', 'ends in the middle'],
  ])('rejects the corrupt tape %j', (tape, message) => {
    expect(() => decodeTape(tape)).toThrow(TapeFormatError);
    expect(() => decodeTape(tape)).toThrow(message);
  });
});
