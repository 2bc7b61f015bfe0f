import type { Messages } from './en.ts';

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

const payments = (n: number) => pluralRu(n, 'платёж', 'платежа', 'платежей');
const charges = (n: number) => pluralRu(n, 'списание', 'списания', 'списаний');
const times = (n: number) => pluralRu(n, 'раз', 'раза', 'раз');

export const ru: Messages = {
  lang: 'ru',
  languageName: 'Русский',
  app: {
    title: 'Idempotency Lab',
    tagline:
      'Сломайте платёжную систему нарочно: посмотрите, как повторный запрос списывает деньги дважды, и как ключ идемпотентности это предотвращает.',
    skipToLog: 'Перейти к журналу событий',
    language: 'Язык',
  },
  controls: {
    region: 'Управление',
    scenario: 'Сценарий',
    strategy: 'Стратегия',
    seed: 'Зерно',
    newSeed: 'Новое зерно',
    seedHint: 'Целое число; одно и то же зерно воспроизводит тот же прогон.',
    seedInvalid: 'Зерно — целое число от −2147483648 до 4294967295.',
  },
  notice: {
    badParams: (what: string) =>
      `В ссылке указано ${what} — такого в лаборатории нет. Показаны значения по умолчанию.`,
    dismiss: 'Закрыть',
  },
  outcome: {
    region: 'Итог',
    chargesFor: (c: number, intents: number) => `${charges(c)} на ${payments(intents)}`,
    duplicates: (n: number) => `Повторных списаний: ${n} — клиент заплатил дважды.`,
    noDuplicates: 'Повторных списаний нет: каждый платёж списан не более одного раза.',
    replays: (n: number) =>
      `Ответов, воспроизведённых из таблицы ключей идемпотентности (Idempotent-Replayed: true): ${n}.`,
    statuses: 'Статусы, полученные клиентом',
    none: 'нет',
    perIntent: 'Платежи',
    intentLine: (intent: string, c: number, outcome: string) =>
      `${intent}: ${charges(c)}, клиент получил ${outcome}`,
    outcomes: {
      succeeded: 'успех',
      failed: 'однозначный отказ',
      unknown: 'нет ответа (исход неизвестен)',
      pending: 'пока ничего',
    },
    traceHash: 'Хеш трассы',
    tape: 'Лента',
    events: 'События',
    tapeHint:
      'Выборы, сделанные в прогоне. Тот же сценарий, стратегия и лента дают ту же трассу где угодно.',
  },
  invariants: {
    region: 'Инварианты',
    holds: 'выполняется',
    violated: 'нарушен',
    notClaimed: 'эта стратегия этого не обещает',
    names: {
      atMostOnce: 'Не более одного списания на платёж',
      outcomeConsistency: 'Ответ соответствует списаниям',
      conservation: 'Деньги сохраняются',
    },
    facts: {
      chargedTwice: (intent: string, n: number) => `Платёж ${intent} списан ${times(n)}.`,
      answerMismatch: (intent: string, seen: string, n: number) =>
        `Клиент получил ${seen} по платежу ${intent}, а списано было ${times(n)}.`,
      moneyMismatch: (charged: string, lost: string, gained: string) =>
        `Списано всего ${charged}, но клиент потерял ${lost}, а продавец получил ${gained}.`,
    },
  },
  log: {
    region: 'Журнал событий',
    caption: 'Все события прогона в виртуальном времени.',
    time: 'Время',
    actor: 'Участник',
    what: 'Что произошло',
    attempt: (n: number) => `попытка ${n}`,
    key: 'ключ',
    noKey: 'без ключа',
    replayed: 'повтор ответа',
    copy: 'копия',
    verbs: {
      start: 'старт',
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
    },
    dropReasons: {
      scripted: 'потеря по сценарию',
      loss: 'потеряно в сети',
      partition: 'сетевой раздел',
      'server-down': 'сервер не работает',
    },
    timers: {
      timeout: 'истёк таймаут',
      backoff: 'пауза закончилась, повтор',
      restart: 'сервер поднимается',
    },
    startDetail: (strategy: string, intents: number) =>
      `стратегия ${strategy}, ${payments(intents)}`,
    chargeDetail: (amount: string, intent: string, chargeId: string) =>
      `${amount} по ${intent} (${chargeId})`,
    crashDetail: (point: string, lost: number) =>
      `в точке «${point}»; потеряно запросов в памяти: ${lost}`,
    settleDetail: (intent: string, outcome: string) => `${intent}: ${outcome}`,
    faults: {
      dropRequest: 'потерять следующий запрос',
      dropResponse: 'потерять следующий ответ',
      crash: (point: string) => `уронить сервер в точке «${point}»`,
      crashNow: 'уронить сервер сейчас',
    },
    crashPoints: {
      'before-commit': 'до коммита',
      'after-provider-charge': 'после списания у провайдера',
      'after-commit': 'после коммита, до ответа',
      now: 'сейчас',
    },
  },
  strategies: {
    none: {
      title: 'Без идемпотентности',
      description:
        'Сервер выполняет каждый пришедший запрос. Любой повтор платежа снова списывает деньги с карты.',
    },
    'atomic-key': {
      title: 'Атомарный ключ идемпотентности',
      description:
        'Сервер вставляет Idempotency-Key в таблицу с уникальным ограничением в той же транзакции, что и платёж. Повторный запрос находит ключ и получает сохранённый ответ вместо второго списания.',
    },
  },
  scenarios: {
    'happy-path': {
      title: 'Всё хорошо',
      description:
        'Ничего не ломается. Клиент отправляет один платёж, сервер один раз списывает деньги и отвечает 201 Created. Начните отсюда, чтобы увидеть, как выглядит нормальный прогон.',
    },
    'lost-response': {
      title: 'Потерянный ответ',
      description:
        'Сервер списывает деньги и фиксирует транзакцию, но ответ 201 теряется по дороге. Клиент не может отличить «запрос не дошёл» от «всё сделано, ответ потерян», поэтому ждёт таймаута и повторяет запрос. Без ключа идемпотентности повтор — это второе списание.',
    },
    'crash-after-commit': {
      title: 'Падение после коммита',
      description:
        'Сервер фиксирует платёж и падает, не успев ответить. Для клиента это выглядит так же, как потерянный ответ: таймаут и повтор, который спишет деньги снова, если сервер не узнает ключ.',
    },
    'crash-before-commit': {
      title: 'Падение до коммита',
      description:
        'Сервер падает посреди обработки, ещё ничего не списав и не зафиксировав. Транзакция откатывается, поэтому повтор безопасен и с ключом, и без него: деньги списываются ровно один раз.',
    },
    'slow-server-timeout': {
      title: 'Медленный сервер, нетерпеливый клиент',
      description:
        'Платёжный провайдер отвечает за 1,5 с, а клиент ждёт только 1 с и повторяет запрос, пока первый ещё выполняется. Без защиты каждый повтор — новое списание; с атомарным ключом повтор дожидается первой транзакции и получает её сохранённый ответ.',
    },
    'flaky-network': {
      title: 'Ненадёжная сеть',
      description:
        'Три платежа через сеть, которая теряет четверть сообщений, задерживает их на 20–300 мс и иногда доставляет дважды. Клиент повторяет запросы с экспоненциальной задержкой и случайным разбросом (jitter). Меняйте зерно, чтобы увидеть разные штормы.',
    },
  },
};
