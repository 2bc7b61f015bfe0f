/**
 * What a strategy promises, said from its declaration (model/strategies.ts), so the words and
 * the explorer's proofs cannot drift apart. Apart from en.ts and ru.ts: only the settings
 * drawer, which loads on demand, says it.
 */
import { CRASH_POINTS } from '../model/crashPoints.ts';
import type { FaultClass, StrategyInfo } from '../model/strategies.ts';
import type { Lang } from './i18n.ts';

interface PromiseTexts {
  nothing: string;
  under: (faults: string) => string;
  notUnder: (faults: string) => string;
  faults: Record<Exclude<FaultClass, 'crash'>, string> & {
    crashAnywhere: string;
    crashLocal: string;
  };
  notPause: string;
  and: string;
}

const en: PromiseTexts = {
  nothing: 'It promises nothing: any retry can charge the customer again.',
  under: (faults) => `It promises at most one charge per payment under ${faults}.`,
  notUnder: (fault) =>
    `Not under ${fault}: its lock has a timeout, so it is a lease, and a retry takes it over while the first request still runs. Only a key the provider itself checks stops the second charge.`,
  faults: {
    loss: 'lost messages',
    copy: 'messages delivered twice',
    crashAnywhere: 'a crash at any point',
    crashLocal:
      'a crash before or after the commit (not between the provider’s charge and the commit)',
    pause: 'a server frozen for any length of time',
  },
  notPause: 'a server frozen for longer than the lock’s timeout',
  and: 'and',
};

const ru: PromiseTexts = {
  nothing: 'Она ничего не обещает: любой повтор может списать деньги снова.',
  under: (faults) => `Она обещает не больше одного списания на платёж при таких сбоях: ${faults}.`,
  notUnder: (fault) =>
    `Но не когда ${fault}: у блокировки есть тайм-аут, то есть это аренда, и повтор перехватывает её, пока первый запрос ещё выполняется. Второе списание остановит только ключ, который проверяет сам провайдер.`,
  faults: {
    loss: 'потеря сообщений',
    copy: 'двойная доставка',
    crashAnywhere: 'падение в любой точке',
    crashLocal: 'падение до или после коммита (но не между списанием у провайдера и коммитом)',
    pause: 'замирание сервера на любое время',
  },
  notPause: 'сервер замирает дольше тайм-аута блокировки',
  and: 'и',
};

const TEXTS: Readonly<Record<Lang, PromiseTexts>> = { en, ru };

/** "a, b and c" */
function listOf(items: string[], and: string): string {
  return items.length < 2
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1)}`;
}

/** The strategy's promise, and what it leaves out, in the learner's language. */
export function promiseText(strategy: StrategyInfo, lang: Lang): string {
  const t = TEXTS[lang];
  if (strategy.promisesUnder.length === 0) return t.nothing;
  const crashLabel =
    strategy.survivesCrashAt.length === CRASH_POINTS.length
      ? t.faults.crashAnywhere
      : t.faults.crashLocal;
  const label = (fault: FaultClass) => (fault === 'crash' ? crashLabel : t.faults[fault]);
  const promised = t.under(listOf(strategy.promisesUnder.map(label), t.and));
  return strategy.promisesUnder.includes('pause')
    ? promised
    : `${promised} ${t.notUnder(t.notPause)}`;
}
