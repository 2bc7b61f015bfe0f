import { en, type Messages } from './en.ts';
import { ru } from './ru.ts';

export type Lang = 'en' | 'ru';
export const LANGS: readonly Lang[] = ['en', 'ru'];
export const MESSAGES: Readonly<Record<Lang, Messages>> = { en, ru };

export const isLang = (value: string | null | undefined): value is Lang =>
  value === 'en' || value === 'ru';

/** Amounts are integers in minor units (cents). */
export function formatMoney(lang: Lang, minorUnits: number, currency = 'EUR'): string {
  return new Intl.NumberFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', {
    style: 'currency',
    currency,
  }).format(minorUnits / 100);
}

export type { Messages };
