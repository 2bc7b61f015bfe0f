/**
 * The event log's words for each record (report/log.ts): details, verbs, reasons, timers and the
 * faults as sentences, in every language. They live apart from en.ts and ru.ts, as the captions'
 * do, because only the event log, the captions and the command line use them, and the event log
 * loads after the first screen: the first screen's budget (130 KB gzip) does not carry them. The
 * Russian texts are typed by the English ones. The log's own labels (its title, its columns, the
 * crash points the fault panel names) stay in en.ts and ru.ts.
 */
import { messagesOf, type Lang } from './i18n.ts';
import { pluralRu } from './plural.ts';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const payments = (n: number) => pluralRu(n, 'платёж', 'платежа', 'платежей');
const tokens = (n: number) => pluralRu(n, 'токен', 'токена', 'токенов');

const en = {
  attempt: (n: number) => `attempt ${n}`,
  key: 'key',
  noKey: 'no key',
  noConditions: 'no preconditions',
  replayed: 'replayed',
  copy: 'copy',
  verbs: {
    recorded: 'recorded',
    dedup: 'same charge',
    declined: 'declined',
    'top-up': 'topped up',
    ignored: 'ignored',
    'fault-end': 'fault over',
    'provider-failed': 'provider failed',
    background: 'finished',
    start: 'starts',
    'start-resources': 'starts',
    served: 'executed',
    send: 'sends',
    deliver: 'delivered',
    drop: 'dropped',
    duplicate: 'duplicated',
    timer: 'timer',
    transition: 'state',
    store: 'query',
    charge: 'charged',
    fault: 'fault',
    crash: 'crashed',
    restart: 'restarted',
    settle: 'settled',
    invariant: 'VIOLATED',
    'retry-budget': 'retry budget',
    refused: 'refused',
  },
  dropReasons: {
    scripted: 'dropped by a fault',
    loss: 'lost in the network',
    partition: 'network partition',
    'server-down': 'server is down',
  },
  timers: {
    timeout: 'timeout fires',
    backoff: 'backoff ends, retrying',
    think: 'done editing, saving',
    restart: 'restart delay ends',
    completer: 'completer wakes up',
  },
  recordedDetail: (what: 'payment' | 'receipt', id: string, intent: string) =>
    what === 'payment'
      ? `payment row ${id} for ${intent} committed`
      : `receipt email for ${id} staged`,
  ignoredDetail: (what: string) => `${what} — an answer the client no longer waits for`,
  dedupDetail: (chargeId: string, intent: string) =>
    `the provider knows this charge's key: returns ${chargeId} for ${intent}, moves no money`,
  backgroundDetail: (intent: string, status: string) =>
    `the completer finished ${intent} in the background (${status})`,
  startDetail: (strategy: string, intents: number) =>
    `strategy ${strategy}, ${plural(intents, 'payment', 'payments')} to make`,
  chargeDetail: (amount: string, intent: string, chargeId: string) =>
    `${amount} for ${intent} (${chargeId})`,
  declinedDetail: (amount: string, intent: string, balance: string) =>
    `${amount} for ${intent}: the card holds only ${balance}; no money moves`,
  declineReplayedDetail: (amount: string, intent: string) =>
    `${amount} for ${intent}: the provider knows this charge's key and gives back its decline; no money moves`,
  topUpDetail: (amount: string, balance: string) =>
    `the customer adds ${amount} to the card; it now holds ${balance}`,
  crashDetail: (point: string, lost: number) =>
    `at “${point}”; ${plural(lost, 'request', 'requests')} in memory lost`,
  settleDetail: (intent: string, outcome: string) => `${intent}: ${outcome}`,
  alreadyApplied: 'the change was already there (the 412 meant “done”)',
  startResourcesDetail: (intents: number, paths: string) =>
    `${plural(intents, 'request', 'requests')} to make; resources ${paths}`,
  servedDetail: (request: string, status: string, change: string) =>
    `${request} → ${status}; ${change}`,
  unchanged: 'state unchanged',
  changed: (before: string, after: string) => `${before} → ${after}`,
  absent: 'absent',
  faults: {
    dropRequest: 'drop the next request',
    dropResponse: 'drop the next response',
    crash: (point: string) => `crash the server at “${point}”`,
    crashNow: 'crash the server now',
    duplicateRequest: 'deliver the next request twice',
    duplicateResponse: 'deliver the next response twice',
    partition: (ms: number) => `partition the network for ${ms} ms`,
    keyStoreDown: (ms: number) => `take the idempotency-key store down for ${ms} ms`,
    serverPause: (ms: number) =>
      `freeze the server for ${ms} ms (a long garbage-collection pause: nothing runs, requests queue)`,
  },
  outage: {
    down: (ms: number) => `take the payment provider down for ${ms} ms (it answers 503)`,
    hang: (ms: number) => `hang calls to the payment provider for ${ms} ms (it charges, no answer)`,
    error: (amount: string, intent: string) => `${amount} for ${intent}: 503, no money moves`,
    timeout: (amount: string, intent: string) =>
      `${amount} for ${intent}: no answer in time; it may have been charged`,
  },
  budget: {
    spend: (intent: string, n: number, left: number) =>
      `${intent} retries: ${plural(n, 'token', 'tokens')} spent, ${left} left`,
    refund: (intent: string, n: number, left: number) =>
      `${intent} succeeded: ${plural(n, 'token', 'tokens')} back, ${left} left`,
    refuse: (intent: string, n: number, left: number) =>
      `${intent} would retry for ${plural(n, 'token', 'tokens')}, only ${left} left: its client gives up`,
  },
};

export type LogTexts = typeof en;

const ru: LogTexts = {
  attempt: (n: number) => `попытка ${n}`,
  key: 'ключ',
  noKey: 'без ключа',
  noConditions: 'без предусловий',
  replayed: 'повтор ответа',
  copy: 'копия',
  verbs: {
    recorded: 'записано',
    dedup: 'то же списание',
    declined: 'отказ',
    'top-up': 'пополнение',
    ignored: 'проигнорирован',
    'fault-end': 'сбой закончился',
    'provider-failed': 'сбой провайдера',
    background: 'завершено',
    start: 'старт',
    'start-resources': 'старт',
    served: 'выполнен',
    send: 'отправляет',
    deliver: 'доставлено',
    drop: 'потеряно',
    duplicate: 'продублировано',
    timer: 'таймер',
    transition: 'состояние',
    store: 'запрос к БД',
    charge: 'списание',
    fault: 'сбой',
    crash: 'падение',
    restart: 'перезапуск',
    settle: 'итог',
    invariant: 'НАРУШЕНИЕ',
    'retry-budget': 'бюджет повторов',
    refused: 'отклонено',
  },
  dropReasons: {
    scripted: 'отброшено сбоем',
    loss: 'потеряно в сети',
    partition: 'сетевой раздел',
    'server-down': 'сервер не работает',
  },
  timers: {
    timeout: 'истёк тайм-аут',
    backoff: 'пауза закончилась, повтор',
    think: 'правка закончена, сохраняем',
    restart: 'сервер поднимается',
    completer: 'проснулся фоновый обработчик',
  },
  recordedDetail: (what: 'payment' | 'receipt', id: string, intent: string) =>
    what === 'payment'
      ? `строка платежа ${id} по ${intent} зафиксирована`
      : `письмо-чек по ${id} поставлено в очередь`,
  ignoredDetail: (what: string) => `${what} — ответ, которого клиент уже не ждёт`,
  dedupDetail: (chargeId: string, intent: string) =>
    `провайдер узнал ключ списания: возвращает ${chargeId} по ${intent}, деньги не списываются`,
  backgroundDetail: (intent: string, status: string) =>
    `фоновый обработчик завершил ${intent} без клиента (${status})`,
  startDetail: (strategy: string, intents: number) => `стратегия ${strategy}, ${payments(intents)}`,
  chargeDetail: (amount: string, intent: string, chargeId: string) =>
    `${amount} по ${intent} (${chargeId})`,
  declinedDetail: (amount: string, intent: string, balance: string) =>
    `${amount} по ${intent}: на карте только ${balance}; деньги не списываются`,
  declineReplayedDetail: (amount: string, intent: string) =>
    `${amount} по ${intent}: провайдер узнал ключ списания и возвращает прежний отказ; деньги не списываются`,
  topUpDetail: (amount: string, balance: string) =>
    `покупатель пополняет карту на ${amount}; теперь на ней ${balance}`,
  crashDetail: (point: string, lost: number) =>
    `в точке «${point}»; потеряно запросов в памяти: ${lost}`,
  settleDetail: (intent: string, outcome: string) => `${intent}: ${outcome}`,
  alreadyApplied: 'изменение уже было на месте (412 значил «готово»)',
  startResourcesDetail: (intents: number, paths: string) =>
    `${pluralRu(intents, 'запрос', 'запроса', 'запросов')} к выполнению; ресурсы ${paths}`,
  servedDetail: (request: string, status: string, change: string) =>
    `${request} → ${status}; ${change}`,
  unchanged: 'состояние не изменилось',
  changed: (before: string, after: string) => `${before} → ${after}`,
  absent: 'нет',
  faults: {
    dropRequest: 'потерять следующий запрос',
    dropResponse: 'потерять следующий ответ',
    crash: (point: string) => `уронить сервер в точке «${point}»`,
    crashNow: 'уронить сервер сейчас',
    duplicateRequest: 'доставить следующий запрос дважды',
    duplicateResponse: 'доставить следующий ответ дважды',
    partition: (ms: number) => `разделить сеть на ${ms} мс`,
    keyStoreDown: (ms: number) => `отключить хранилище ключей идемпотентности на ${ms} мс`,
    serverPause: (ms: number) =>
      `заморозить сервер на ${ms} мс (долгая пауза сборки мусора: ничего не выполняется, запросы ждут в очереди)`,
  },
  outage: {
    down: (ms: number) => `отключить платёжного провайдера на ${ms} мс: он отвечает 503`,
    hang: (ms: number) =>
      `подвесить вызовы платёжного провайдера на ${ms} мс: деньги он списывает, но ответа нет`,
    error: (amount: string, intent: string) =>
      `${amount} по ${intent}: провайдер недоступен и отвечает 503; деньги не списываются`,
    timeout: (amount: string, intent: string) =>
      `${amount} по ${intent}: ответа нет, сервер перестаёт ждать; деньги могли списаться`,
  },
  budget: {
    spend: (intent: string, n: number, left: number) =>
      `повтор ${intent}: потрачено ${tokens(n)}, осталось ${left}`,
    refund: (intent: string, n: number, left: number) =>
      `${intent} прошёл: возвращено ${tokens(n)}, осталось ${left}`,
    refuse: (intent: string, n: number, left: number) =>
      `повтору ${intent} нужно ${tokens(n)}, а осталось ${left}: клиент сдаётся`,
  },
};

const LOG_TEXTS: Readonly<Record<Lang, LogTexts>> = { en, ru };

/** The event log's words in `lang`, with the log's own labels from the page's texts. */
export const logTextsOf = (lang: Lang) => ({ ...messagesOf(lang).log, ...LOG_TEXTS[lang] });
