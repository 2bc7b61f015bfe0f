/**
 * The captions' sentences (report/captions.ts), one per kind of key moment, in every language.
 * They live apart from en.ts and ru.ts because only the caption and the live region use them,
 * and both load after the first screen: the first screen's budget (130 KB gzip) does not carry
 * them. The Russian texts are typed by the English ones, so no kind can lack a language.
 */
import type { StrategyId } from '../model/strategies.ts';
import type { Lang } from './i18n.ts';

/**
 * What each strategy does with the key, in a sentence, shown beside a run that has not started:
 * the first thing a newcomer reads on the stage, so it also says what an idempotency key is.
 */
const KEY_EN = 'the idempotency key (an id the client repeats on every retry of a payment)';

const GIST_EN: Readonly<Record<StrategyId, string>> = {
  none: `The server ignores ${KEY_EN}: a retry looks like a new payment.`,
  'naive-cache': `The server looks up ${KEY_EN} in a cache, and stores the answer there after charging.`,
  'atomic-key': `The server records ${KEY_EN} in the payment’s own transaction; a retry gets the first answer back.`,
  'locked-key': `The server locks ${KEY_EN} while the first request runs: a retry meanwhile gets 409, a later one the first answer.`,
  fingerprinted: `The server locks ${KEY_EN} and remembers the request’s digest: the same key with another body gets 422.`,
  'recovery-points': `The server records each step of the work on ${KEY_EN}, so a retry resumes where the last attempt stopped.`,
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const en = {
  start: (clients: number, strategy: string) =>
    `${plural(clients, 'client is', 'clients are')} about to pay. The server’s strategy: ${strategy}.`,
  startResources: (clients: number) =>
    `${plural(clients, 'client', 'clients')} will read and change resources over HTTP.`,
  firstSend: (client: number, request: string) => `Client ${client} sends ${request}.`,
  retrySameKey: (client: number, attempt: number) =>
    `Client ${client} retries (attempt ${attempt}) with the same key: a server that checks keys can tell it is a repeat.`,
  retryNewKey: (client: number, attempt: number) =>
    `Client ${client} retries (attempt ${attempt}) with a NEW key: to the server it is a brand-new payment.`,
  retryNoKey: (client: number, attempt: number) =>
    `Client ${client} retries (attempt ${attempt}) without a key: the server cannot tell it is a repeat.`,
  retryResource: (client: number, attempt: number, request: string) =>
    `Client ${client} tries again (attempt ${attempt}): ${request}.`,
  requestLost: (request: string) =>
    `The request ${request} was lost on the way to the server. Nothing happened there; the client will wait for its timeout.`,
  requestRefused: (request: string) =>
    `The request ${request} reached a server that is down. It is lost; the client will wait for its timeout.`,
  responseLost: (status: string) =>
    `The ${status} was lost on the way back. The client cannot tell whether the payment happened.`,
  responseLostResource: (status: string, method: string) =>
    `The ${status} was lost on the way back. The client cannot tell whether its ${method} took effect.`,
  duplicateRequest: (request: string) =>
    `The network delivers ${request} twice: the server will see a second copy of the same request.`,
  duplicateResponse: (status: string) =>
    `The network delivers the ${status} twice: the client gets the same answer again.`,
  armDrop: (response: boolean) =>
    `A fault is armed: the network will lose the next ${response ? 'response' : 'request'}.`,
  armDuplicate: (response: boolean) =>
    `A fault is armed: the network will deliver the next ${response ? 'response' : 'request'} twice.`,
  armCrash: (point: string) => `A fault is armed: the server will crash ${point}.`,
  crashBeforeCommit: () =>
    'The server crashed before committing: the transaction rolls back, nothing was recorded.',
  crashAfterCharge: () =>
    'The server crashed after the provider charged the card, before committing: the money moved, but the server has no record of it.',
  crashAfterCommit: () =>
    'The server crashed after committing, before answering: the payment is recorded, but the client will hear nothing.',
  crashBeforeApply: () =>
    'The server crashed before applying the change: the resource is as it was.',
  crashAfterApply: () =>
    'The server crashed after applying the change, before answering: the client will hear nothing.',
  crashNow: (lost: number) =>
    `The server crashed. ${plural(lost, 'request', 'requests')} in its memory ${lost === 1 ? 'is' : 'are'} lost.`,
  crashWhileDown: () => 'A crash is ordered, but the server is already down: nothing changes.',
  restart: () =>
    'The server restarts with empty memory; what it had committed is still in the store.',
  partition: (ms: number) =>
    `The network is cut for ${ms} ms: nothing gets through between the clients and the server.`,
  partitionEnd: () => 'The network is healed: messages get through again.',
  keyStoreDown: (ms: number) =>
    `The idempotency-key store is down for ${ms} ms: the server cannot look keys up.`,
  keyStoreBack: () => 'The key store is back: the server can check keys again.',
  pause: (ms: number) =>
    `The server freezes for ${ms} ms (a GC pause, a stalled VM). It does not know time is passing.`,
  pauseEnd: () => 'The server wakes up and carries on as if no time had passed.',
  timeoutRetry: (client: number) =>
    `Client ${client} gave up waiting: timeout. It does not know what happened, so it will retry.`,
  timeoutGiveUp: (client: number) =>
    `Client ${client} gave up waiting: timeout, and no retries left. The outcome is unknown.`,
  charge: (amount: string, intent: string) =>
    `The provider charged ${amount} to the card for payment ${intent}.`,
  chargeAgain: (amount: string, intent: string, count: number) =>
    `The provider charged ${amount} AGAIN for payment ${intent} — charge number ${count}: a duplicate.`,
  dedup: (intent: string) =>
    `The provider recognised the key of ${intent} and returned the earlier charge: no money moved.`,
  declined: (amount: string) => `The card was declined: it cannot cover ${amount}.`,
  declineReplayed: () => 'The provider recognised the key and repeats its earlier decline.',
  topUp: (amount: string) => `The customer tops the card up by ${amount}.`,
  committed: (intent: string) => `The server commits the payment row for ${intent}.`,
  applied: (method: string, path: string, etag: string) =>
    `The server applied ${method} to ${path}: it is now version ${etag}.`,
  deleted: (path: string) => `The server deleted ${path}.`,
  replayed: (status: string) =>
    `The server knows this key: it replays the stored ${status} without charging again.`,
  status400: () => '400 Bad Request: this server requires an Idempotency-Key, and none was sent.',
  status404: (method: string) =>
    `404 Not Found: the resource is already gone. The answer differs, but a repeated ${method} leaves the state the same.`,
  status409: () =>
    '409 Conflict: a request with this key is still in progress. Nothing was done; the client may retry later.',
  status412: () =>
    '412 Precondition Failed: the resource is no longer the version the If-Match names. Nothing was changed.',
  status422: () =>
    '422: this key was already used for a different payment. The server refuses rather than replay someone else’s answer.',
  status428: () =>
    '428 Precondition Required: the server demands If-Match on every change, and none was sent.',
  status503: () =>
    '503: the key store is unreachable, and the server fails closed: it refuses rather than risk a duplicate, and asks the client to try again in a second (Retry-After: 1).',
  background: (intent: string) =>
    `The background completer finished ${intent}, which its client had given up on.`,
  settled: (client: number, outcome: string) => `Client ${client} is done: ${outcome}.`,
  alreadyApplied: (client: number) =>
    `Client ${client} read the resource again: its change was already there. The 412 meant “you already succeeded”.`,
  broken: (invariant: string, facts: string) => `Rule broken: “${invariant}”. ${facts}`,
  endPayments: (charges: number, payments: number, duplicates: number) =>
    `The run is over: ${plural(charges, 'charge', 'charges')} for ${plural(payments, 'payment', 'payments')}${duplicates ? `, ${plural(duplicates, 'duplicate', 'duplicates')}` : ' — no duplicate'}.`,
  endResources: (broken: number) =>
    `The run is over: ${broken ? `${plural(broken, 'invariant', 'invariants')} broken` : 'every invariant holds'}.`,
  providerDown: (ms: number) =>
    `The payment provider goes down for ${ms} ms: it will refuse every charge with 503.`,
  providerHangs: (ms: number) =>
    `For ${ms} ms calls to the payment provider hang: it takes the charge, but no answer comes back.`,
  providerBack: () => 'The payment provider is back: charges go through again.',
  providerRefused: (amount: string) =>
    `The provider is down and refuses the charge of ${amount} with 503: no money moved.`,
  providerTimedOut: (amount: string) =>
    `No answer from the provider in time: the server stops waiting, not knowing whether the ${amount} was charged.`,
  failureStored: () =>
    'The server stores the 500 as the key’s answer (Stripe v1): every retry with this key gets it back, and the payment is never tried again.',
  keyReleased: () =>
    'The server lets the key go and keeps what it had done (rocket-rides): a retry will take it and run the work again from there.',
  status500: () =>
    '500: the payment failed after the work had begun. The client cannot tell whether the card was charged.',
  backgroundFailed: (intent: string) =>
    `The background completer tried to finish ${intent}, but the provider failed again.`,
  backgroundFirst: (intent: string) =>
    `The background completer found ${intent}’s key let go and finished the work; the client’s next retry will get this answer replayed.`,
  status429: () =>
    '429 Too Many Requests: the server is already working on as many requests as it allows, so it turns this one away before doing anything, and asks the client to come back in a second (Retry-After: 1).',
  budgetSpent: (client: number, tokens: number, left: number) =>
    `Client ${client}’s retry takes ${plural(tokens, 'token', 'tokens')} from the retry budget all the clients share: ${left} left.`,
  budgetRefused: (client: number, tokens: number, left: number, afterTimeout: boolean) =>
    `${afterTimeout ? `Client ${client} gave up waiting: timeout. It` : `Client ${client}`} would retry, but a retry costs ${plural(tokens, 'token', 'tokens')} and the retry budget all the clients share holds ${left}: the client gives up at once instead of adding to the load. The outcome is unknown.`,
  status403: () =>
    '403 Forbidden: this caller’s API key may not pay for the customer the body names. Nothing is charged, nothing is stored against the key.',
  replayedToAnother: (client: number, owner: number, payment: string) =>
    `The server replays the answer stored for client ${owner}’s payment ${payment} to client ${client}: one caller is handed another’s payment, and told it paid.`,
  chargeRefused: (charge: string, payment: string) =>
    `The database refuses a second payment row for charge ${charge} — ${payment} already holds it (UNIQUE charge_id). The transaction rolls back; the server cannot say what happened and answers 500.`,
};

export type CaptionTexts = typeof en;

/** Russian plural forms (as in ru.ts, which loads on its own and is not imported here). */
function pluralRu(n: number, one: string, few: string, many: string): string {
  const [mod10, mod100] = [n % 10, n % 100];
  const few_ = mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14);
  return `${n} ${mod10 === 1 && mod100 !== 11 ? one : few_ ? few : many}`;
}

const clientsRu = (n: number) => pluralRu(n, 'клиент', 'клиента', 'клиентов');
const charges = (n: number) => pluralRu(n, 'списание', 'списания', 'списаний');
const payments = (n: number) => pluralRu(n, 'платёж', 'платежа', 'платежей');
const tokensRu = (n: number) => pluralRu(n, 'токен', 'токена', 'токенов');

const KEY_RU =
  'ключ идемпотентности (идентификатор, который клиент повторяет при каждой попытке платежа)';

const GIST_RU: Readonly<Record<StrategyId, string>> = {
  none: `Сервер не смотрит на ${KEY_RU}: повтор для него — новый платёж.`,
  'naive-cache': `Сервер ищет ${KEY_RU} в кэше и кладёт туда ответ уже после списания.`,
  'atomic-key': `Сервер записывает ${KEY_RU} в той же транзакции, что и платёж; повтор получает первый ответ.`,
  'locked-key': `Сервер блокирует ${KEY_RU}, пока выполняется первый запрос: повтор в это время получает 409, а позже — первый ответ.`,
  fingerprinted: `Сервер блокирует ${KEY_RU} и запоминает отпечаток запроса: тот же ключ с другим телом получает 422.`,
  'recovery-points': `Сервер отмечает каждый шаг работы в строке, где хранит ${KEY_RU}, и повтор продолжает с того места, где остановилась прошлая попытка.`,
};

const ru: CaptionTexts = {
  start: (clients: number, strategy: string) =>
    `${clientsRu(clients)} ${clients === 1 ? 'готовится' : 'готовятся'} заплатить. Стратегия сервера: ${strategy}.`,
  startResources: (clients: number) =>
    `${clientsRu(clients)} ${clients === 1 ? 'будет' : 'будут'} читать и менять ресурсы по HTTP.`,
  firstSend: (client: number, request: string) => `Клиент ${client} отправляет ${request}.`,
  retrySameKey: (client: number, attempt: number) =>
    `Клиент ${client} повторяет запрос (попытка ${attempt}) с тем же ключом: сервер, который проверяет ключи, узнает повтор.`,
  retryNewKey: (client: number, attempt: number) =>
    `Клиент ${client} повторяет запрос (попытка ${attempt}) с НОВЫМ ключом: для сервера это совсем другой платёж.`,
  retryNoKey: (client: number, attempt: number) =>
    `Клиент ${client} повторяет запрос (попытка ${attempt}) без ключа: сервер не может понять, что это повтор.`,
  retryResource: (client: number, attempt: number, request: string) =>
    `Клиент ${client} пробует снова (попытка ${attempt}): ${request}.`,
  requestLost: (request: string) =>
    `Запрос ${request} потерялся по дороге к серверу. Там ничего не произошло; клиент дождётся своего тайм-аута.`,
  requestRefused: (request: string) =>
    `Запрос ${request} пришёл на неработающий сервер и пропал; клиент дождётся своего тайм-аута.`,
  responseLost: (status: string) =>
    `Ответ ${status} потерялся на обратном пути. Клиент не может знать, прошёл ли платёж.`,
  responseLostResource: (status: string, method: string) =>
    `Ответ ${status} потерялся на обратном пути. Клиент не может знать, выполнился ли его ${method}.`,
  duplicateRequest: (request: string) =>
    `Сеть доставляет ${request} дважды: сервер получит вторую копию того же запроса.`,
  duplicateResponse: (status: string) =>
    `Сеть доставляет ответ ${status} дважды: клиент получит тот же ответ ещё раз.`,
  armDrop: (response: boolean) =>
    `Сбой взведён: сеть потеряет следующий ${response ? 'ответ' : 'запрос'}.`,
  armDuplicate: (response: boolean) =>
    `Сбой взведён: сеть доставит следующий ${response ? 'ответ' : 'запрос'} дважды.`,
  armCrash: (point: string) => `Сбой взведён: сервер упадёт ${point}.`,
  crashBeforeCommit: () => 'Сервер упал до коммита: транзакция откатывается, ничего не записано.',
  crashAfterCharge: () =>
    'Сервер упал после того, как провайдер списал деньги, но до коммита: деньги ушли, а у сервера об этом нет записи.',
  crashAfterCommit: () =>
    'Сервер упал после коммита, но до ответа: платёж записан, а клиент ничего не услышит.',
  crashBeforeApply: () => 'Сервер упал, не успев применить изменение: ресурс остался прежним.',
  crashAfterApply: () =>
    'Сервер упал после того, как применил изменение, но до ответа: клиент ничего не услышит.',
  crashNow: (lost: number) =>
    `Сервер упал. Потеряно запросов, которые он держал в памяти: ${lost}.`,
  crashWhileDown: () => 'Сервер велено уронить, но он и так лежит: ничего не меняется.',
  restart: () =>
    'Сервер перезапускается с пустой памятью; всё, что он успел закоммитить, осталось в хранилище.',
  partition: (ms: number) =>
    `Сеть разорвана на ${ms} мс: между клиентами и сервером ничего не проходит.`,
  partitionEnd: () => 'Связь восстановлена: сообщения снова доходят.',
  keyStoreDown: (ms: number) =>
    `Хранилище ключей идемпотентности недоступно ${ms} мс: сервер не может проверять ключи.`,
  keyStoreBack: () => 'Хранилище ключей снова доступно: сервер опять проверяет ключи.',
  pause: (ms: number) =>
    `Сервер замирает на ${ms} мс (пауза GC, зависшая виртуальная машина) и не замечает, что время идёт.`,
  pauseEnd: () => 'Сервер «просыпается» и продолжает работу, как будто время не шло.',
  timeoutRetry: (client: number) =>
    `Клиент ${client} не дождался ответа: тайм-аут. Что произошло, он не знает, поэтому повторит запрос.`,
  timeoutGiveUp: (client: number) =>
    `Клиент ${client} не дождался ответа: тайм-аут, а попыток больше нет. Чем всё кончилось, неизвестно.`,
  charge: (amount: string, intent: string) =>
    `Провайдер списал с карты ${amount} за платёж ${intent}.`,
  chargeAgain: (amount: string, intent: string, count: number) =>
    `Провайдер ЕЩЁ РАЗ списал ${amount} за платёж ${intent} — уже ${count}-е списание: это дубль.`,
  dedup: (intent: string) =>
    `Провайдер узнал ключ платежа ${intent} и вернул прежнее списание: деньги не двигались.`,
  declined: (amount: string) => `Карта отклонена: на ней нет ${amount}.`,
  declineReplayed: () => 'Провайдер узнал ключ и повторяет свой прежний отказ.',
  topUp: (amount: string) => `Клиентка пополняет карту на ${amount}.`,
  committed: (intent: string) => `Сервер коммитит строку платежа ${intent}.`,
  applied: (method: string, path: string, etag: string) =>
    `Сервер выполнил ${method} над ${path}: теперь это версия ${etag}.`,
  deleted: (path: string) => `Сервер удалил ${path}.`,
  replayed: (status: string) =>
    `Сервер уже знает этот ключ: он повторяет сохранённый ответ ${status} и не списывает деньги снова.`,
  status400: () => '400 Bad Request: сервер требует заголовок Idempotency-Key, а его не прислали.',
  status404: (method: string) =>
    `404 Not Found: ресурса уже нет. Ответ другой, но повторный ${method} оставляет состояние прежним.`,
  status409: () =>
    '409 Conflict: запрос с этим ключом ещё выполняется. Ничего не сделано; клиент может повторить позже.',
  status412: () =>
    '412 Precondition Failed: ресурс уже не той версии, что указана в If-Match. Ничего не изменено.',
  status422: () =>
    '422: этот ключ уже использован для другого платежа. Сервер отказывает, а не выдаёт чужой ответ.',
  status428: () =>
    '428 Precondition Required: сервер требует If-Match при каждом изменении, а его не прислали.',
  status503: () =>
    '503: хранилище ключей недоступно, и сервер закрывается: лучше отказать, чем рискнуть дублем. Клиента просят повторить через секунду (Retry-After: 1).',
  background: (intent: string) =>
    `Фоновый обработчик довёл до конца ${intent}: клиент этого платежа уже сдался.`,
  settled: (client: number, outcome: string) => `Клиент ${client} закончил: ${outcome}.`,
  alreadyApplied: (client: number) =>
    `Клиент ${client} перечитал ресурс: его изменение уже там. Ответ 412 означал «вы уже всё сделали».`,
  broken: (invariant: string, facts: string) => `Нарушено правило «${invariant}». ${facts}`,
  endPayments: (chargeCount: number, paymentCount: number, duplicates: number) =>
    `Прогон окончен: ${charges(chargeCount)} на ${payments(paymentCount)}${duplicates ? `, дублей: ${duplicates}` : ', дублей нет'}.`,
  endResources: (broken: number) =>
    `Прогон окончен: ${broken ? `нарушено инвариантов: ${broken}` : 'все инварианты соблюдены'}.`,
  providerDown: (ms: number) =>
    `Платёжный провайдер ложится на ${ms} мс: на каждое списание он ответит 503.`,
  providerHangs: (ms: number) =>
    `${ms} мс вызовы платёжного провайдера зависают: деньги он списывает, но ответ не возвращается.`,
  providerBack: () => 'Платёжный провайдер снова работает: списания проходят.',
  providerRefused: (amount: string) =>
    `Провайдер лежит и отклоняет списание ${amount} с ответом 503: деньги не двигались.`,
  providerTimedOut: (amount: string) =>
    `Провайдер не ответил вовремя: сервер перестаёт ждать и не знает, списались ли ${amount}.`,
  failureStored: () =>
    'Сервер сохраняет 500 как ответ для этого ключа (Stripe v1): каждый повтор с этим ключом получит его же, и платёж больше не попробуют провести.',
  keyReleased: () =>
    'Сервер отпускает ключ и сохраняет то, что успел сделать (rocket-rides): повтор подхватит ключ и продолжит работу с этого места.',
  status500: () =>
    '500: платёж сорвался, когда работа уже началась. Клиент не может знать, списаны ли деньги.',
  backgroundFailed: (intent: string) =>
    `Фоновый обработчик попробовал довести до конца ${intent}, но провайдер снова дал сбой.`,
  backgroundFirst: (intent: string) =>
    `Фоновый обработчик нашёл отпущенный ключ ${intent} и довёл работу до конца; следующий повтор клиента получит этот ответ из сохранённого.`,
  status429: () =>
    '429 Too Many Requests: сервер уже занят столькими запросами, сколько готов вести одновременно, поэтому отклоняет этот, ничего не начиная, и просит клиента прийти через секунду (Retry-After: 1).',
  budgetSpent: (client: number, tokens: number, left: number) =>
    `Повтор клиента ${client} забирает ${tokensRu(tokens)} из общего на всех клиентов бюджета повторов: осталось ${left}.`,
  budgetRefused: (client: number, tokens: number, left: number, afterTimeout: boolean) =>
    `${afterTimeout ? `Клиент ${client} не дождался ответа: тайм-аут. Он` : `Клиент ${client}`} повторил бы запрос, но повтор стоит ${tokensRu(tokens)}, а в общем на всех клиентов бюджете повторов осталось ${left}: клиент сразу сдаётся и не добавляет серверу нагрузки. Чем всё кончилось, неизвестно.`,
  status403: () =>
    '403 Forbidden: API-ключу этого клиента нельзя платить за покупателя, названного в теле запроса. Ничего не списано, под ключом ничего не сохранено.',
  replayedToAnother: (client: number, owner: number, payment: string) =>
    `Сервер отдаёт клиенту ${client} ответ, сохранённый для платежа ${payment} клиента ${owner}: один клиент получает чужой платёж, и ему говорят, что он заплатил.`,
  chargeRefused: (charge: string, payment: string) =>
    `База данных не даёт записать вторую строку платежа для списания ${charge}: оно уже в ${payment} (UNIQUE charge_id). Транзакция откатывается; что произошло, сервер сказать не может и отвечает 500.`,
};

/** What the strategy's server does with the key, in a sentence that also says what a key is. */
export const strategyGist = (lang: Lang, id: StrategyId): string => GISTS[lang][id];

const GISTS: Readonly<Record<Lang, Readonly<Record<StrategyId, string>>>> = {
  en: GIST_EN,
  ru: GIST_RU,
};

export const CAPTION_TEXTS: Readonly<Record<Lang, CaptionTexts>> = { en, ru };
