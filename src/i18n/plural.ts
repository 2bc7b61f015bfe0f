/** Plural forms, shared by the texts that load apart from each other (ru.ts, logTexts.ts). */

/** Russian plural forms: 1 платёж, 2 платежа, 5 платежей. */
export function pluralRu(n: number, one: string, few: string, many: string): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  const form =
    mod10 === 1 && mod100 !== 11
      ? one
      : mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)
        ? few
        : many;
  return `${n} ${form}`;
}
