import { en, type Messages } from './en.ts';

export type Lang = 'en' | 'ru';
export const LANGS: readonly Lang[] = ['en', 'ru'];
/** Each language's own name, known before its texts are loaded. */
export const LANGUAGE_NAMES: Readonly<Record<Lang, string>> = { en: 'English', ru: 'Русский' };

/**
 * English is always here; Russian loads on demand (a separate chunk), so that English readers do
 * not download it. The page loads a language before it shows it, so `messagesOf` never has to
 * fall back in practice.
 */
const loaded: Partial<Record<Lang, Messages>> = { en };

export function messagesOf(lang: Lang): Messages {
  return loaded[lang] ?? en;
}

/**
 * The languages outside the first bundle, each a dynamic import: the bundler makes a chunk of
 * each, fetched only when that language is asked for.
 */
const LOADERS: Readonly<Record<Exclude<Lang, 'en'>, () => Promise<Messages>>> = {
  ru: () => import('./ru.ts').then((module) => module.ru),
};

/** Loads the texts of `lang`, and only of `lang`; a language already loaded is not fetched again. */
export async function loadLang(lang: Lang): Promise<void> {
  if (lang === 'en' || loaded[lang]) return;
  loaded[lang] = await LOADERS[lang]();
}

export const isLang = (value: string | null | undefined): value is Lang =>
  value === 'en' || value === 'ru';

/** Building a number format is slow (tens of µs); each language and currency gets one. */
const moneyFormats = new Map<string, Intl.NumberFormat>();

/** Amounts are integers in minor units (cents). */
export function formatMoney(lang: Lang, minorUnits: number, currency = 'EUR'): string {
  const key = `${lang} ${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', {
      style: 'currency',
      currency,
    });
    moneyFormats.set(key, format);
  }
  return format.format(minorUnits / 100);
}

export type { Messages };
