import type { Messages } from './en.ts';

import { pluralRu } from './plural.ts';

export { pluralRu };

const payments = (n: number) => pluralRu(n, 'платёж', 'платежа', 'платежей');
const charges = (n: number) => pluralRu(n, 'списание', 'списания', 'списаний');
const times = (n: number) => pluralRu(n, 'раз', 'раза', 'раз');
const tokens = (n: number) => pluralRu(n, 'токен', 'токена', 'токенов');

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
    seedInvalid: 'Зерно — целое число от 0 до 4294967295.',
    groups: { payments: 'Платежи и ключи идемпотентности', resources: 'Методы HTTP и ETag' },
    noStrategy:
      'В этом сценарии нет слоя идемпотентности, который можно выбрать: он о методах HTTP и предусловиях.',
  },
  playback: {
    toolbar: 'Воспроизведение',
    play: 'Пуск',
    pause: 'Пауза',
    stepForward: 'Шаг вперёд',
    stepBack: 'Шаг назад',
    reset: 'Сначала',
    speed: 'Скорость',
    speedOption: (x: number) => `${String(x).replace('.', ',')}×`,
    timeline: 'Шкала времени',
    position: (t: number, end: number) => `${t} мс из ${end} мс`,
    hint: 'Пробел — пуск и пауза; стрелки — шаг от события к событию.',
    idleNote: 'Тихие отрезки, например ожидание тайм-аута клиентом, проигрываются быстрее.',
    marks: {
      fault: 'сбой',
      crash: 'падение',
      drop: 'сообщение потеряно',
      timeout: 'тайм-аут',
      violation: 'инвариант нарушен',
      charge: 'списание',
    },
    legend: 'Отметки на шкале времени',
  },
  faults: {
    region: 'Сбои на ходу',
    hint: (t: number) =>
      `Сбой добавляется в момент на шкале времени (сейчас ${t} мс) и становится частью прогона: перемотайте назад и запустите снова — он повторится.`,
    dropRequest: 'Потерять следующий запрос',
    dropResponse: 'Потерять следующий ответ',
    copyRequest: 'Доставить следующий запрос дважды',
    copyResponse: 'Доставить следующий ответ дважды',
    crashNow: 'Уронить сервер сейчас',
    crashPoint: 'Точка падения',
    armCrash: 'Запланировать падение',
    partition: 'Разрыв сети на 500 мс',
    keysDown: 'Хранилище ключей недоступно 1 с',
    pauseServer: 'Заморозить сервер на 1 с',
    injected: 'Добавленные сбои',
    none: 'Пока нет.',
    at: (t: number, what: string) => `в момент ${t} мс: ${what}`,
    remove: (what: string) => `Убрать: ${what}`,
    removeAll: 'Убрать все',
  },
  machines: {
    region: 'Автоматы состояний',
    actor: 'Участник',
    notYet: 'Ещё не начал работу.',
    now: (state: string, via: string | null) => `Сейчас в «${state}»${via ? `, ${via}` : ''}.`,
    via: (from: string, to: string, event: string, t: number) =>
      `после ${from} → ${to} по ${event} в момент ${t} мс`,
    chart: (actor: string) => `Автомат состояний ${actor}, текущее состояние выделено`,
    loading: 'Рисуем автоматы…',
    scrolls: 'Диаграмма шире своей рамки: прокрутите её вбок',
  },
  settings: {
    summary: 'Клиент, сеть и хранилище ключей',
    asScenario: 'как в сценарии',
    retry: 'Политика повторов',
    retryKinds: {
      none: 'без повторов',
      fixed: 'фиксированная пауза',
      exponential: 'экспоненциальная пауза',
      'exponential-jitter': 'экспоненциальная пауза с полным джиттером',
      'equal-jitter': 'экспоненциальная пауза с равным джиттером',
      'decorrelated-jitter': 'декоррелированный джиттер',
    },
    attempts: 'Попыток не больше',
    keyPolicy: 'Idempotency-Key',
    keyPolicies: {
      none: 'без ключа',
      'per-intent': 'один ключ на платёж (верно)',
      'per-attempt': 'новый ключ на каждую попытку (ошибка)',
      reused: 'один ключ на все платежи (ошибка)',
    },
    loss: 'Доля потерянных сообщений',
    duplication: 'Доставляются дважды',
    percent: (n: number) => `${n} %`,
    delayMax: 'Наибольшая задержка сети',
    ms: (n: number) => `${n} мс`,
    ttl: 'Ключи хранятся',
    ttls: { 2000: '2 секунды', 60000: '1 минуту', 86400000: '24 часа' } as Record<number, string>,
    failure: 'Если хранилище ключей недоступно',
    failures: {
      'fail-open': 'работать без него (fail open)',
      'fail-closed': 'отказывать с 503 (fail closed)',
    },
    payments: 'Платежей на клиента',
    errors: 'Отказ по карте (402)',
    errorChoices: {
      store: 'сохраняется и воспроизводится',
      forget: 'не сохраняется: повтор выполняется заново',
    },
    keyRequired: 'Платёж без ключа',
    keyRequiredChoices: {
      no: 'выполняется без защиты',
      yes: 'отклоняется: 400 Bad Request',
    },
    chargeId: 'payments.charge_id',
    chargeIdChoices: {
      unique: 'UNIQUE: вторая строка для того же списания не запишется',
      plain: 'без UNIQUE: вторую строку ничто не остановит',
    },
    restore: 'Вернуть настройки сценария',
  },
  compare: {
    region: 'Сравнение',
    toggle: 'Сравнить с другой стратегией',
    with: 'Стратегия для сравнения',
    hint: 'Тот же сценарий, зерно и сбои — под двумя стратегиями; шкала времени двигает оба прогона.',
  },
  topology: {
    region: 'Топология',
    caption: (t: number) => `Участники и сообщения в сети в момент ${t} мс.`,
    network: 'сеть',
    down: 'лежит',
    replayed: 'повтор ответа',
    lost: 'потеряно',
    up: 'работает',
    paused: 'заморожен',
    states: {
      idle: 'ожидает',
      sending: 'отправляет',
      waiting: 'ждёт ответа',
      thinking: 'думает',
      deciding: 'решает',
      backingOff: 'выжидает',
      settled: 'завершил',
      done: 'готово',
      up: 'работает',
      paused: 'заморожен',
      down: 'лежит',
      connected: 'связь есть',
      partitioned: 'разрыв',
      available: 'доступно',
      keysUnavailable: 'ключи недоступны',
      ready: 'готов',
      received: 'получен',
      checkingCache: 'проверяет кеш',
      claimingKey: 'захватывает ключ',
      lockingKey: 'блокирует ключ',
      charging: 'списывает',
      committing: 'фиксирует',
      chargeRecorded: 'списание записано',
      finishing: 'завершает',
      caching: 'кеширует',
      responded: 'ответил',
      replaying: 'повторяет ответ',
      rejected: 'отклонён',
      conflict: 'конфликт',
      mismatch: 'несовпадение',
      unavailable: 'недоступно',
      superseded: 'вытеснен',
      declining: 'провайдер отказал',
      recordingDecline: 'сохраняет отказ',
      cachingDecline: 'кеширует отказ',
      declined: 'отказ',
    },
    idle: 'ждёт',
    storeOps: {
      claimKey: 'захват ключа',
      lockKey: 'блокировка ключа',
      commit: 'фиксация',
      finish: 'завершение',
      rollback: 'откат',
      forgetKey: 'освобождение ключа',
      cacheGet: 'чтение кеша',
      cacheSet: 'запись в кеш',
    },
    charges: (n: number) => charges(n),
  },
  nav: {
    label: 'Разделы',
    lab: 'Симулятор',
    course: 'Курс',
    startHere: 'начните здесь',
    interview: 'Собеседование',
    loading: 'Загрузка…',
    failed: 'Страница не загрузилась: возможно, пропало соединение.',
    partFailed: 'Эта часть страницы не загрузилась: возможно, пропало соединение.',
    retry: 'Попробовать ещё раз',
    fromInterview: 'Открыто из вопроса с собеседования: этот прогон показывает ответ.',
    backToQuestion: '← Вернуться к вопросу',
  },
  ledger: {
    region: 'Учёт',
    balance: (now: string, start: string) =>
      `Баланс покупателя у провайдера: ${now} (было ${start}).`,
    toppedUp: (amount: string) => `За время прогона покупатель пополнил карту на ${amount}.`,
    paymentsCaption: 'записи сервера о платежах',
    keysCaption: 'по строке на ключ; повтор находит её и получает сохранённый ответ',
    cacheCaption: 'ответы, сохранённые после выполнения (вариант из учебника)',
    columns: {
      id: 'id',
      customer: 'покупатель',
      amount: 'сумма',
      key: 'ключ идемпотентности',
      charge: 'списание',
      status: 'статус',
      recoveryPoint: 'точка восстановления',
      response: 'ответ',
      storedAt: 'сохранён',
      note: 'примечание',
    },
    duplicateOf: (id: string) => `дубликат ${id}: тот же платёж ещё раз`,
    earlierRows: (n: number) => `… ещё ${pluralRu(n, 'строка', 'строки', 'строк')} выше`,
    noRows: 'строк пока нет',
  },
  sequence: {
    region: 'Диаграмма последовательности',
    caption: 'Сообщения между участниками, по строке на каждый момент, когда что-то произошло',
    hint: 'Выберите стрелку (или наведите фокус и нажмите Enter), чтобы прочитать сообщение целиком.',
    details: 'Выбранное сообщение',
    close: 'Закрыть',
    route: (from: string, to: string, intent: string, attempt: number) =>
      `${from} → ${to} · ${intent}, попытка ${attempt}`,
    copyOf: (id: number) => `· сетевая копия сообщения ${id}`,
    loading: 'Рисуем диаграмму…',
    marks: {
      crash: 'падение',
      restart: 'перезапуск',
      timeout: 'тайм-аут',
      broken: 'инвариант нарушен',
      declined: 'отказ',
      topUp: 'пополнение',
    },
  },
  notice: {
    badParams: (what: string) =>
      `В ссылке указано ${what} — такого в лаборатории нет. Показаны значения по умолчанию.`,
    runFailed: 'Сценарий не загрузился: возможно, пропало соединение.',
    dismiss: 'Закрыть',
    quote: (text: string) => `«${text}»`,
  },
  outcome: {
    region: 'Итог',
    chargesFor: (c: number, intents: number) => `${charges(c)} на ${payments(intents)}`,
    duplicates: (n: number) =>
      `Повторных списаний: ${n} — с покупателя снова взяли деньги за тот же платёж.`,
    times: (n: number) => `, ${pluralRu(n, 'раз', 'раза', 'раз')}`,
    noDuplicates: 'Повторных списаний нет: каждый платёж списан не более одного раза.',
    chargedAfterFailure: (n: number) =>
      `Платежей, за которые списали деньги после того, как клиент получил ответ «не прошёл»: ${n}.`,
    replays: (n: number) =>
      `Ответов, воспроизведённых из сохранённого сервером (Idempotent-Replayed: true): ${n}.`,
    statuses: 'Статусы, на которые клиент отреагировал',
    late: 'Поздние ответы (проигнорированы)',
    duplicateRecords: (n: number) =>
      `В учёте сервера лишних строк платежей: ${n}, хотя деньги списаны один раз.`,
    none: 'нет',
    morePayments: (n: number) => `… и ещё ${pluralRu(n, 'платёж', 'платежа', 'платежей')}`,
    perIntent: 'Платежи',
    intentLine: (intent: string, c: number, outcome: string) =>
      `${intent}: ${charges(c)}, клиент получил ${outcome}`,
    outcomes: {
      succeeded: 'успех',
      failed: 'однозначный отказ',
      unknown: 'нет ответа (исход неизвестен)',
      pending: 'пока ничего',
    },
    serverLoad: (requests: number, peak: number, retryPeak: number) =>
      `Нагрузка на сервер: ${pluralRu(requests, 'запрос', 'запроса', 'запросов')}, не больше ${peak} за любые 100 мс (одних повторов — не больше ${retryPeak}).`,
    traceHash: 'Хеш трассы',
    tape: 'Лента',
    events: 'События',
    tapeHint:
      'Выборы, сделанные в прогоне. Тот же сценарий, стратегия и лента дают ту же трассу где угодно.',
    copyTape: (n: number) => `Скопировать всю ленту (${n} символов)`,
    copied: 'Скопировано',
    replayExactly: 'Чтобы повторить этот прогон в точности: хеш трассы и лента',
  },
  resourceOutcome: {
    lostUpdates: (n: number) =>
      `Потеряно изменений: ${n} — запись стёрла изменение, которого её автор не видел.`,
    noLostUpdates:
      'Ни одно изменение не потеряно: ни одна запись не стёрла изменение, которого не видела.',
    headlineLost: (n: number) =>
      `${pluralRu(n, 'изменение', 'изменения', 'изменений')} молча ${n % 10 === 1 && n % 100 !== 11 ? 'потеряно' : 'потеряны'}`,
    headlineRepeated: (n: number) =>
      `${pluralRu(n, 'запрос', 'запроса', 'запросов')} ${n % 10 === 1 && n % 100 !== 11 ? 'сработал' : 'сработали'} дважды`,
    headlineSafe: 'Ни одно изменение не потеряно и не удвоено',
    repeated: (method: string, path: string) =>
      `${method} ${path} при повторе сработал ещё раз: ${method} не идемпотентен.`,
    appliedTwice: (intent: string, path: string) =>
      `${intent} внёс своё изменение в ${path} дважды: потерянный ответ или ответ на продублированный запрос оставил его в неведении, и он записал снова.`,
    alreadyApplied: (intent: string) =>
      `${intent}: повтор получил 412, но новое чтение показало, что изменение уже на месте — 412 здесь значил «первая попытка удалась, её ответ потерялся».`,
    finalState: 'Итоговое состояние на сервере',
    intents: 'Запросы',
  },
  invariants: {
    region: 'Инварианты',
    holds: 'выполняется',
    violated: 'нарушен',
    notClaimed: 'эта стратегия этого не обещает',
    brokenAt: (ms: number) => `Нарушен в ${ms} мс:`,
    notClaimedResources: 'не обещано: эти клиенты не шлют If-Match',
    names: {
      atMostOnce: 'Не более одного списания на платёж',
      outcomeConsistency: 'Ответ соответствует списаниям',
      conservation: 'Деньги не появляются и не исчезают',
      noLostUpdate: 'Ни одно изменение не потеряно',
      idempotentEffect: 'Повтор PUT или DELETE больше ничего не меняет',
      books: 'Одна строка на платёж и одна на списание',
    },
    facts: {
      chargedTwice: (intent: string, n: number) =>
        `Платёж ${intent} списан ${n === 2 ? 'повторно' : times(n)}.`,
      answerMismatch: (intent: string, seen: string, n: number) =>
        `Клиент получил ${seen} по платежу ${intent}, а списано было ${times(n)}.`,
      moneyMismatch: (charged: string, lost: string, gained: string) =>
        `Списано всего ${charged}, но покупатель потерял ${lost}, а продавец получил ${gained}.`,
      updateLost: (path: string, by: string, erased: string) =>
        `${by} перезаписал ${path} и стёр изменение ${erased}, которого не читал.`,
      repeatChangedState: (intent: string, method: string, path: string) =>
        `Повтор ${method} ${path} (${intent}) снова изменил состояние.`,
    },
  },
  log: {
    region: 'Журнал событий',
    caption: 'Все события прогона в виртуальном времени.',
    time: 'Время',
    actor: 'Участник',
    what: 'Что произошло',
    crashPoints: {
      'before-commit': 'до коммита',
      'after-provider-charge': 'после ответа провайдера, до фиксации',
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
    'naive-cache': {
      title: 'Наивный кеш (как в учебнике)',
      description:
        'Ищем ключ в кеше; если его нет — проводим платёж и только потом кладём ответ в кеш. Два одновременных запроса оба промахиваются, а падение между «провести» и «закешировать» теряет ключ, хотя платёж прошёл: повтор спишет деньги снова.',
    },
    'atomic-key': {
      title: 'Атомарный ключ идемпотентности',
      description:
        'Сервер вставляет Idempotency-Key в таблицу с уникальным ограничением в той же транзакции, что и платёж. Повтор находит ключ и получает сохранённый ответ вместо второго списания; одновременный запрос ждёт, пока завершится первая транзакция.',
    },
    'locked-key': {
      title: 'Ключ с блокировкой на время обработки',
      description:
        'Строка ключа фиксируется заранее, как блокировка. Второй запрос с тем же ключом, пока первый ещё выполняется, получает 409 Conflict, и ничего не сохраняется; позже он повторяет запрос и получает сохранённый ответ. Блокировку, оставшуюся от упавшего запроса, по истечении тайм-аута перехватывают.',
    },
    fingerprinted: {
      title: 'Блокировка + отпечаток запроса',
      description:
        'Как ключ с блокировкой, но строка ключа хранит ещё и отпечаток (хеш) запроса. Тот же ключ с другим телом — ошибка клиента: он получает 422 Unprocessable Content, а не чужой ответ.',
    },
    'recovery-points': {
      title: 'Точки восстановления (как в Stripe)',
      description:
        'Работа разбита на атомарные фазы, каждая сохраняет точку восстановления в строке ключа. Провайдер вызывается с ключом, производным от нашего, поэтому запрос, возобновлённый после падения, получает то же самое списание. Фоновый обработчик завершает запросы, клиенты которых сдались.',
    },
  },
  scenarios: {
    'method-retries': {
      title: 'Каждый метод — с повтором',
    },
    'delete-twice': {
      title: 'DELETE с повтором',
    },
    'lost-update': {
      title: 'Потерянное обновление',
    },
    'lost-update-prevented': {
      title: 'Потерянное обновление, предотвращённое If-Match',
    },
    'conditional-retry': {
      title: 'Повтор записи с If-Match получает 412',
    },
    'create-only-put': {
      title: 'Только создание: If-None-Match: *',
    },
    'precondition-required': {
      title: 'Сервер требует If-Match (428)',
    },
    'happy-path': {
      title: 'Всё хорошо',
    },
    'lost-response': {
      title: 'Потерянный ответ',
    },
    'crash-after-commit': {
      title: 'Падение после коммита',
    },
    'crash-before-commit': {
      title: 'Падение до коммита',
    },
    'slow-server-timeout': {
      title: 'Медленный сервер, нетерпеливый клиент',
    },
    'flaky-network': {
      title: 'Ненадёжная сеть',
    },
    'double-click': {
      title: 'Двойной клик',
    },
    'concurrent-retries': {
      title: 'Одновременные повторы',
    },
    'duplicate-delivery': {
      title: 'Сеть доставила дважды',
    },
    'new-key-per-retry': {
      title: 'Новый ключ на каждый повтор (ошибка клиента)',
    },
    'key-expired': {
      title: 'Ключ истёк до повтора',
    },
    'key-store-down': {
      title: 'Хранилище ключей недоступно: работаем без него',
    },
    'key-store-down-fail-closed': {
      title: 'Хранилище ключей недоступно: отказываем',
    },
    'payload-mismatch': {
      title: 'Один ключ на два разных платежа',
    },
    'crash-after-provider-charge': {
      title: 'Падение после списания у провайдера',
    },
    'declined-late-copy': {
      title: 'Отказ по карте, затем запоздалая копия',
    },
    'provider-outage': {
      title: 'Провайдер лёг после захвата ключа',
    },
    'provider-timeout': {
      title: 'Вызов провайдера не дождался ответа',
    },
    'retry-storm': {
      title: 'Шторм повторов',
    },
    'retry-storm-jitter': {
      title: 'Шторм повторов с разбросом',
    },
    'stolen-key': {
      title: 'Мой ключ прислал чужой клиент',
    },
  },
  stage: {
    settings: 'Зерно и настройки',
    settingsTitle: 'Зерно, описания и настройки',
    close: 'Закрыть',
    compareOff: 'Без сравнения',
    compareLabel: 'Сравнить с',
    start: 'Пока ничего не произошло — нажмите «Пуск» или сделайте шаг вперёд.',
    soFar: 'Повторных списаний пока нет, но ответ получили ещё не все платежи.',
    duplicateShort: (n: number) =>
      pluralRu(n, 'повторное списание', 'повторных списания', 'повторных списаний'),
    noDuplicateShort: 'повторных списаний нет',
    ruleBrokenShort: (rule: string) => `нарушено правило «${rule}»`,
    chargedAfterFailureShort: (n: number) =>
      `${payments(n)} ${n % 10 === 1 && n % 100 !== 11 ? 'списан' : 'списаны'} после ответа «не прошёл»`,
    resourceSoFar: 'Пока ничего не потеряно и не задвоено, но ответ получили ещё не все запросы.',
    moreViews: 'Ниже: полный учёт, инварианты, конечные автоматы и журнал событий.',
    replaysShort: (n: number) => `повторов сохранённого ответа: ${n}`,
    showAllStates: 'Показать все состояния',
    hiddenStates: (n: number) =>
      `Свёрнуто ${pluralRu(n, 'состояние', 'состояния', 'состояний')}, до ${n % 10 === 1 && n % 100 !== 11 ? 'которого' : 'которых'} этот прогон не доходит.`,
  },
  embed: {
    stage: (scenario: string) => `Idempotency Lab: ${scenario}`,
    openFull: 'Открыть в полной версии',
    newTab: '(откроется в новой вкладке)',
  },
  export: {
    button: 'Экспорт',
    menu: 'Экспорт прогона для слайдов',
    topologySvg: 'Топология в SVG',
    topologyPng: 'Топология в PNG (2×)',
    sequenceSvg: 'Диаграмма последовательности в SVG',
    sequencePng: 'Диаграмма последовательности в PNG (2×)',
    webm: 'Прогон как видео (WebM, 1280×720)',
    gif: 'Прогон как анимированный GIF (1280×720)',
    recordingLabel: 'Ход записи',
    recording: (percent: number) => `Запись… ${percent} %`,
    cancel: 'Отменить',
    noVideo:
      'Этот браузер не умеет кодировать видео. Откройте лабораторию в Chrome или Edge, экспортируйте GIF или выполните npm run export в командной строке.',
    failed:
      'Экспорт не удался. Попробуйте ещё раз или экспортируйте из командной строки (npm run export).',
  },
  sequenceStage: {
    folded: (from: number, to: number) => `клиенты ${from}–${to}`,
    foldedNote: (from: number, to: number) => `Клиенты ${from}–${to} показаны на одной дорожке.`,
    unfoldedNote: 'У каждого клиента своя дорожка.',
    unfold: (from: number, to: number) => `Показать клиентов ${from}–${to} по отдельности`,
    fold: (from: number, to: number) => `Свернуть клиентов ${from}–${to} в одну дорожку`,
  },
  captions: {
    region: 'Что сейчас произошло',
    waiting: 'Нажмите «Пуск»: каждый ключевой момент прогона будет описан здесь одной фразой.',
    stopAtMoments: 'Останавливаться на каждом ключевом моменте',
    pacingNote:
      'При воспроизведении каждый ключевой момент задерживается, чтобы его успели прочитать; затишья проигрываются быстрее.',
  },
  sequenceMore: {
    exportRows: (from: number, to: number, of: number) => `строки ${from}–${to} из ${of}`,
  },
  stageFit: {
    tray: 'Сбои на ходу — в текущий момент прогона',
    trayNote:
      'Кнопки сбоев — в строке над панелью воспроизведения: до них легко дотянуться и во время прогона.',
  },
  auth: {
    scopeColumn: 'scope (аккаунт)',
    balanceOfCards: (customers: string, now: string, start: string) =>
      `Сумма на картах у провайдера (${customers}, вместе): ${now} (было ${start}).`,
    facts: {
      recordedTwice: (intent: string, rows: string) =>
        `У платежа ${intent} в учёте сервера больше одной строки: ${rows}.`,
      chargeRecordedTwice: (charge: string, rows: string) =>
        `Списание ${charge} записано в нескольких строках платежей: ${rows}. По учёту денег больше, чем прошло на самом деле.`,
    },
    refusedDetail: (
      constraint: string,
      row: string,
      intent: string,
      charge: string,
      holder: string,
    ) =>
      `ERROR: duplicate key value violates unique constraint "${constraint}" — строка ${row} для ${intent} повторно записала бы ${charge} (оно уже в ${holder}); ROLLBACK`,
  },
  outage: {
    errors5xx: 'Сбой провайдера после начала работы (500)',
    errors5xxChoices: {
      store: 'сохраняется и воспроизводится (Stripe)',
      release: 'ключ освобождается, повтор продолжает работу (rocket-rides)',
    },
    providerDown: 'Провайдер недоступен 1 с',
    providerTimeout: 'Провайдер зависает на 1 с',
    states: {
      hanging: 'вызовы зависают',
      failing: 'сбой провайдера',
      unlockingKey: 'отпускает ключ',
      releasingKey: 'освобождает ключ',
      recordingFailure: 'сохраняет 500',
      cachingFailure: 'кэширует 500',
      failed: 'ошибка (500)',
    },
  },
  retries: {
    budget: 'Бюджет повторов (token bucket)',
    budgetChoices: { off: 'нет: повторять, пока есть попытки', on: '50 токенов на всех клиентов' },
    limit: 'Предел сервера на одновременные запросы',
    limitOption: (n: number) => `не больше ${n}, сверх — 429`,
    retryAfter: (seconds: string) => `Retry-After: ${seconds} с`,
    ledger: (left: number, refused: number) =>
      `Бюджет повторов: осталось ${tokens(left)}, отказано в ${pluralRu(refused, 'повторе', 'повторах', 'повторах')} (получив отказ, клиент сразу сдаётся).`,
  },
};
