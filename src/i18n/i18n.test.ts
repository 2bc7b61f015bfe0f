import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { isLang, LANGS, langOf, loadLang, messagesOf } from './i18n.ts';

// One test, in order: which languages are loaded is module state, shared by every step.
describe('loading a language', () => {
  it('loads only the language asked for, once', async () => {
    expect(messagesOf('en')).toBe(en);
    await loadLang('en');
    // Asking for English fetched nothing else: Russian still falls back to English.
    expect(messagesOf('ru')).toBe(en);
    await loadLang('ru');
    const ru = messagesOf('ru');
    expect(ru).not.toBe(en);
    expect(ru.sequence.region).not.toBe(en.sequence.region);
    await loadLang('ru');
    expect(messagesOf('ru')).toBe(ru);
  });
});

describe('languages', () => {
  it('reads a browser language the lab speaks, and English otherwise', () => {
    expect(LANGS).toEqual(['en', 'ru']);
    expect(['ru-RU', 'RU', 'en-US', 'de-DE', undefined, ''].map(langOf)).toEqual([
      'ru',
      'ru',
      'en',
      'en',
      'en',
      'en',
    ]);
    expect(['en', 'ru', 'xx', 'toString', null].map(isLang)).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});
