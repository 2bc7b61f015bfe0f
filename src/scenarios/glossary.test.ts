import { describe, expect, it } from 'vitest';
import { GLOSSARY_TEXTS } from '../i18n/glossary.ts';
import { summarize } from '../model/outcome.ts';
import { GLOSSARY, GLOSSARY_IDS } from './glossary.ts';
import { runScenario } from './run.ts';

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

describe('the glossary', () => {
  it('has at least 25 terms, each named once', () => {
    expect(GLOSSARY_IDS.length).toBeGreaterThanOrEqual(25);
    expect(new Set(GLOSSARY_IDS).size).toBe(GLOSSARY_IDS.length);
  });

  it.each(['en', 'ru'] as const)(
    'says every term in %s, and nothing else, in a few words',
    (lang) => {
      const texts = GLOSSARY_TEXTS[lang];
      expect(Object.keys(texts).sort()).toEqual([...GLOSSARY_IDS].sort());
      for (const id of GLOSSARY_IDS) {
        expect(texts[id]!.term.length, id).toBeGreaterThan(0);
        expect(words(texts[id]!.text), id).toBeLessThanOrEqual(60);
      }
    },
  );

  it('opens a run that exists for every term that has one', () => {
    for (const entry of GLOSSARY) {
      if (!entry.lab) continue;
      const run = runScenario(entry.lab.spec);
      expect(run.trace.length, entry.id).toBeGreaterThan(0);
    }
  });

  it('shows the side effect twice where it says so: the plain lost response charges twice', () => {
    const entry = GLOSSARY.find((e) => e.id === 'side-effect')!;
    expect(summarize(runScenario(entry.lab!.spec).trace).duplicateCharges).toBeGreaterThan(0);
  });
});
