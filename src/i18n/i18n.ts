import { en, type Messages } from './en.ts';
import type { LessonTexts } from './lessons/en.ts';

export type Lang = 'en' | 'ru';

/**
 * Each language the lab speaks: its own name (known before its texts load), the locale its
 * numbers and money are written in, and where its texts and its course come from. English is
 * in the first bundle; every other language is a dynamic import, a chunk fetched only when asked
 * for. Adding a language is a row here and its two text files.
 */
const LANGUAGES: Readonly<
  Record<
    Lang,
    {
      name: string;
      locale: string;
      texts: (() => Promise<Messages>) | null;
      course: () => Promise<LessonTexts>;
    }
  >
> = {
  en: {
    name: 'English',
    locale: 'en-GB',
    texts: null,
    course: () => import('./lessons/en.ts').then((m) => m.lessonTexts),
  },
  ru: {
    name: 'Русский',
    locale: 'ru-RU',
    texts: () => import('./ru.ts').then((m) => m.ru),
    course: () => import('./lessons/ru.ts').then((m) => m.lessonTexts),
  },
};

export const LANGS = Object.keys(LANGUAGES).filter(isLang);
/** Each language's own name, known before its texts are loaded. */
export const languageName = (lang: Lang): string => LANGUAGES[lang].name;
/** The course's texts in `lang`: a chunk of their own, fetched when the course is opened. */
export const loadCourseTexts = (lang: Lang): Promise<LessonTexts> => LANGUAGES[lang].course();

/**
 * English is always here; Russian loads on demand (a separate chunk), so that English readers do
 * not download it. The page loads a language before it shows it, so `messagesOf` never has to
 * fall back in practice.
 */
const loaded: Partial<Record<Lang, Messages>> = { en };

export function messagesOf(lang: Lang): Messages {
  return loaded[lang] ?? en;
}

/** Loads the texts of `lang`, and only of `lang`; a language already loaded is not fetched again. */
export async function loadLang(lang: Lang): Promise<void> {
  const texts = LANGUAGES[lang].texts;
  if (!texts || loaded[lang]) return;
  loaded[lang] = await texts();
}

export function isLang(value: string | null | undefined): value is Lang {
  return typeof value === 'string' && Object.hasOwn(LANGUAGES, value);
}

/** The language a browser asks for (`ru-RU` → `ru`), when the lab speaks it; else English. */
export function langOf(browserLanguage: string | undefined): Lang {
  const code = browserLanguage?.toLowerCase().split('-')[0];
  return isLang(code) ? code : 'en';
}

/** Building a number format is slow (tens of µs); each language and currency gets one. */
const moneyFormats = new Map<string, Intl.NumberFormat>();

/** Amounts are integers in minor units (cents). */
export function formatMoney(lang: Lang, minorUnits: number, currency = 'EUR'): string {
  const key = `${lang} ${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(LANGUAGES[lang].locale, {
      style: 'currency',
      currency,
    });
    moneyFormats.set(key, format);
  }
  return format.format(minorUnits / 100);
}

export type { Messages };
