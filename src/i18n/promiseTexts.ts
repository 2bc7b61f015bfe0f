/**
 * What a strategy promises, said from its declaration (model/strategies.ts), so the words and
 * the explorer's proofs cannot drift apart. Apart from en.ts and ru.ts: only the settings
 * drawer, which loads on demand, says it.
 */
import { CRASH_POINTS } from '../model/crashPoints.ts';
import {
  errors5xxOf,
  promisedUnder,
  type Errors5xxPolicy,
  type FaultClass,
  type StrategyInfo,
} from '../model/strategies.ts';
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
  /** An outage promised with the 5xx released: the provider's own key is what holds. */
  outageReleased: string;
  /** An outage not promised: the 5xx released, and the provider gets no key of ours. */
  notOutage: string;
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
    outage: 'a provider that fails after the work began (its 500 stored as the key’s answer)',
  },
  notPause: 'a server frozen for longer than the lock’s timeout',
  outageReleased:
    'a provider that fails after the work began (the key released: the provider’s own key stops a second charge)',
  notOutage:
    'Not when the provider fails after the work began and the key is released: a retry after a call that timed out charges again, as the provider gets no key of ours.',
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
    outage: 'сбой провайдера после начала работы (его 500 сохраняется как ответ для ключа)',
  },
  notPause: 'сервер замирает дольше тайм-аута блокировки',
  outageReleased:
    'сбой провайдера после начала работы (ключ освобождается: второе списание остановит ключ у самого провайдера)',
  notOutage:
    'Этого она не обещает при сбое провайдера после начала работы, если ключ освобождается: повтор после вызова, не дождавшегося ответа, спишет деньги снова — провайдер ведь не получает нашего ключа.',
  and: 'и',
};

const TEXTS: Readonly<Record<Lang, PromiseTexts>> = { en, ru };

/** "a, b and c" */
function listOf(items: string[], and: string): string {
  return items.length < 2
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1)}`;
}

/**
 * The strategy's promise, and what it leaves out, in the learner's language, with the 5xx policy
 * in force (the one set, or the strategy's default).
 */
export function promiseText(
  strategy: StrategyInfo,
  lang: Lang,
  errors5xx?: Errors5xxPolicy,
): string {
  const t = TEXTS[lang];
  if (strategy.promisesUnder.length === 0) return t.nothing;
  const policy = errors5xxOf(strategy, errors5xx);
  const promises = promisedUnder(strategy, policy);
  const crashLabel =
    strategy.survivesCrashAt.length === CRASH_POINTS.length
      ? t.faults.crashAnywhere
      : t.faults.crashLocal;
  const label = (fault: FaultClass) => {
    if (fault === 'crash') return crashLabel;
    return fault === 'outage' && policy === 'release' ? t.outageReleased : t.faults[fault];
  };
  const said = [t.under(listOf(promises.map(label), t.and))];
  if (!promises.includes('pause')) said.push(t.notUnder(t.notPause));
  if (!promises.includes('outage')) said.push(t.notOutage);
  return said.join(' ');
}
