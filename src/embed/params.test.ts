import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, parseEmbedParams } from './params.ts';
import { parseSearch } from '../state/url.ts';

describe('parseEmbedParams', () => {
  it('reads every parameter of a slide', () => {
    expect(
      parseEmbedParams(
        '?embed=1&view=sequence,topology&theme=dark&scale=1.5&autoplay=1&speed=0.25&until=1220&loop=1',
      ),
    ).toEqual({
      view: ['sequence', 'topology'],
      theme: 'dark',
      scale: 1.5,
      autoplay: true,
      speed: 0.25,
      until: 1220,
      loop: true,
    });
  });

  it('falls back to the defaults for values it cannot read', () => {
    expect(
      parseEmbedParams('?view=nothing,x&theme=pink&scale=huge&autoplay=yes&speed=7&until=-3'),
    ).toEqual({
      view: DEFAULT_VIEW,
      theme: null,
      scale: 1,
      autoplay: false,
      speed: null,
      until: null,
      loop: false,
    });
  });

  it('keeps each panel once, in the order named, and a scale within bounds', () => {
    expect(parseEmbedParams('?view=ledger,LEDGER, caption').view).toEqual(['ledger', 'caption']);
    expect(parseEmbedParams('?scale=10').scale).toBe(3);
    expect(parseEmbedParams('?scale=0.1').scale).toBe(0.5);
  });
});

it('leaves the run’s link reader nothing to complain about', () => {
  const search = '?embed=1&scenario=lost-response&view=topology&theme=dark&scale=1.5&loop=1';
  expect(parseSearch(search).problems).toEqual([]);
  expect(parseSearch(search).spec.scenario).toBe('lost-response');
});
