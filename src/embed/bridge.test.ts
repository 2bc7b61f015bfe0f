import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPlainQuery, parseCommand, PROTOCOL_VERSION, SEARCH_MAX, stamped } from './bridge.ts';

const BARE = ['lab:play', 'lab:pause', 'lab:step', 'lab:back', 'lab:reset'] as const;

describe('parseCommand', () => {
  it('accepts each command of protocol version 1, with or without its version', () => {
    for (const type of BARE) {
      expect(parseCommand({ type })).toEqual({ type });
      expect(parseCommand({ type, v: 1 })).toEqual({ type });
    }
    expect(parseCommand({ type: 'lab:seek', at: 1220 })).toEqual({ type: 'lab:seek', at: 1220 });
    expect(parseCommand({ type: 'lab:seek', at: 'end', v: 1 })).toEqual({
      type: 'lab:seek',
      at: 'end',
    });
    const search = '?scenario=lost-response&strategy=atomic-key&seed=3&faults=drop-response@100';
    expect(parseCommand({ type: 'lab:load', search })).toEqual({ type: 'lab:load', search });
    expect(parseCommand({ type: 'lab:key', key: 'PageDown' })).toEqual({
      type: 'lab:key',
      key: 'PageDown',
    });
  });

  it('takes reveal.js’s own bare strings', () => {
    expect(parseCommand('slide:start')).toEqual({ type: 'slide:start' });
    expect(parseCommand('slide:stop')).toEqual({ type: 'slide:stop' });
    expect(parseCommand('slide:started')).toBeNull();
  });

  it('refuses another protocol version', () => {
    for (const v of [0, 2, '1', null, 1.5])
      expect(parseCommand({ type: 'lab:play', v })).toBeNull();
  });

  it('refuses seeks to nowhere', () => {
    for (const at of [-1, NaN, Infinity, 1e12, '100', null, undefined, {}, [5]]) {
      expect(parseCommand({ type: 'lab:seek', at })).toBeNull();
    }
  });

  it('refuses a load that is not a plain query string: no script, no other site, nothing huge', () => {
    for (const search of [
      'javascript:alert(1)',
      '?scenario=javascript:alert(1)',
      'https://evil.example/?scenario=lost-response',
      '?next=//evil.example',
      '//evil.example',
      'scenario=lost-response',
      '?a=1#/lesson/x',
      '?a=<script>',
      '?a= b',
      `?tape=${'A'.repeat(SEARCH_MAX)}`,
    ]) {
      expect(parseCommand({ type: 'lab:load', search }), search).toBeNull();
    }
  });

  it('refuses arrays, class instances and keys that are only inherited', () => {
    expect(parseCommand(['lab:play'])).toBeNull();
    expect(parseCommand(new Date())).toBeNull();
    expect(parseCommand(Object.create({ type: 'lab:play' }))).toBeNull();
    expect(parseCommand(JSON.parse('{"__proto__": {"type": "lab:play"}}'))).toBeNull();
    expect(parseCommand({ type: 'constructor' })).toBeNull();
    expect(parseCommand({ type: 'toString' })).toBeNull();
    expect(parseCommand({ type: '__proto__' })).toBeNull();
    // Object.create(null) is a plain dictionary: fine when its own fields are right.
    const bare = Object.assign(Object.create(null) as object, { type: 'lab:play' });
    expect(parseCommand(bare)).toEqual({ type: 'lab:play' });
  });

  it('never throws, and never lets a polluted key through, whatever arrives', () => {
    fc.assert(
      fc.property(fc.anything({ withObjectString: true, withNullPrototype: true }), (data) => {
        const command = parseCommand(data);
        if (command === null) return;
        // Whatever passes is one of the commands, with only the fields its type allows.
        expect(Object.keys(command).every((k) => ['type', 'at', 'search', 'key'].includes(k))).toBe(
          true,
        );
      }),
      { numRuns: 5000 },
    );
    expect(({} as Record<string, unknown>).type).toBeUndefined();
  });

  it('passes only well-formed commands among random objects of the right shape', () => {
    const type = fc.constantFrom(
      ...BARE,
      'lab:seek',
      'lab:load',
      'lab:key',
      'lab:nope',
      '__proto__',
      'constructor',
    );
    const field = fc.oneof(fc.string(), fc.double(), fc.integer(), fc.constant('end'), fc.object());
    fc.assert(
      fc.property(type, field, field, field, (t, at, search, key) => {
        const command = parseCommand({ type: t, at, search, key });
        if (command === null) return;
        if (command.type === 'lab:seek') {
          expect(command.at === 'end' || (Number.isFinite(command.at) && command.at >= 0)).toBe(
            true,
          );
        }
        if (command.type === 'lab:load') expect(isPlainQuery(command.search)).toBe(true);
        if (command.type === 'lab:key') expect(typeof command.key).toBe('string');
      }),
      { numRuns: 5000 },
    );
  });

  it('refuses huge payloads cheaply', () => {
    const huge = 'x'.repeat(5_000_000);
    expect(parseCommand({ type: 'lab:load', search: `?a=${huge}` })).toBeNull();
    expect(parseCommand({ type: 'lab:key', key: huge })).toBeNull();
    expect(parseCommand(huge)).toBeNull();
    expect(parseCommand({ type: 'lab:play', junk: huge })).toEqual({ type: 'lab:play' });
  });
});

describe('isPlainQuery', () => {
  it('holds for every query string the lab writes: letters, digits and -_.~=&@,+%', () => {
    const safe = fc.stringMatching(/^[A-Za-z0-9\-_.~=&@,+%]{0,200}$/);
    fc.assert(fc.property(safe, (text) => isPlainQuery(`?${text}`)));
  });

  it('fails for anything with a colon, a slash, a hash, a quote or a space', () => {
    const bad = fc
      .tuple(fc.string(), fc.constantFrom(':', '/', '#', '"', "'", ' ', '\\', '<'), fc.string())
      .map(([a, c, b]) => `?${a}${c}${b}`);
    fc.assert(fc.property(bad, (text) => !isPlainQuery(text)));
  });
});

it('stamps every report with the protocol version', () => {
  expect(stamped({ type: 'lab:ready' })).toEqual({ type: 'lab:ready', v: PROTOCOL_VERSION });
});
