/**
 * The glossary's words: each term's name and a definition in plain words, in both languages.
 * Loaded with the course (only the glossary page reads it). The term list and the runs that show
 * each term are in src/scenarios/glossary.ts.
 */
import type { Lang } from './i18n.ts';

export interface TermText {
  term: string;
  /** One short paragraph: what it is, and why it matters here. */
  text: string;
}

const en: Readonly<Record<string, TermText>> = {
  idempotency: {
    term: 'Idempotency',
    text: 'An operation is idempotent when doing it twice (or ten times) leaves the system as doing it once would. Setting a field is idempotent; adding to it is not. Charging a card is not — unless the server makes it so.',
  },
  'side-effect': {
    term: 'Side effect',
    text: 'Anything a request changes beyond its answer: money taken from a card, a row written, stock deducted, an email sent. Retries are harmless for requests without side effects and dangerous for those with them.',
  },
  retry: {
    term: 'Retry',
    text: 'Sending the same request again because the first got no answer, or an answer that says “try later”. A client that gets no answer cannot tell a lost request from a lost response, so it must retry — and the server must survive it.',
  },
  timeout: {
    term: 'Timeout',
    text: 'How long a client waits for an answer before it gives up on that attempt. A timeout says nothing about what happened on the server: the request may still be running, or may have finished long ago.',
  },
  'safe-method': {
    term: 'Safe method',
    text: 'An HTTP method that only reads: GET, HEAD, OPTIONS, TRACE (RFC 9110). Repeating it changes nothing on the server.',
  },
  'idempotent-method': {
    term: 'Idempotent method',
    text: 'An HTTP method whose intended effect is the same however many times it is sent: the safe ones, plus PUT and DELETE. The answer may differ (a second DELETE gets 404); the state does not. POST and, in general, PATCH are not idempotent.',
  },
  'idempotency-key': {
    term: 'Idempotency key',
    text: 'A unique value the client makes once per operation (usually a UUID) and sends in the Idempotency-Key header with every attempt. The server remembers the key with the result, so a repeat gets the result back instead of running again.',
  },
  scope: {
    term: 'Key scope',
    text: 'Who a key belongs to. The server looks a key up together with the authenticated caller, so two callers who happen to pick the same key never see each other’s payments.',
  },
  replay: {
    term: 'Replay',
    text: 'Answering a repeated request with the stored answer of the first, without doing the work again. Stripe marks such an answer with the header Idempotent-Replayed: true.',
  },
  'check-then-act': {
    term: 'Check-then-act race',
    text: 'Two requests both check (“is the key there?”), both see no, and both act. Any design that checks first and records later has this gap; a unique constraint or a lock closes it.',
  },
  'unique-constraint': {
    term: 'Unique constraint',
    text: 'A database rule that no two rows share a value, here (caller, key). The second insert of the same key waits for the first transaction and then fails, so only one request can claim the key.',
  },
  fingerprint: {
    term: 'Request fingerprint',
    text: 'A digest of the request’s method, path and body stored with the key. A later request with the same key but another body is a client bug: the server answers 422 instead of replaying an answer to a different request.',
  },
  'in-flight-lock': {
    term: 'In-flight lock',
    text: 'A key row committed as soon as work starts, marked “in progress”. A repeat that arrives meanwhile gets 409 Conflict and tries again later, instead of running the payment a second time.',
  },
  retention: {
    term: 'Key retention',
    text: 'How long the server keeps a key and its answer (Stripe: 24 hours). A retry after that is treated as a new request, so retention must outlast every retry a client may make.',
  },
  'fail-open-closed': {
    term: 'Fail open / fail closed',
    text: 'What a server does when it cannot reach its key store. Failing open keeps serving without the keys and risks duplicates; failing closed answers 503 and stays correct, at the cost of availability.',
  },
  'recovery-point': {
    term: 'Recovery point',
    text: 'A mark saved on the key row after each step of the work (started, charge created, finished), in the same transaction as the step. A request that resumes after a crash starts from the last mark instead of from the beginning.',
  },
  'derived-key': {
    term: 'Derived key',
    text: 'An idempotency key the server makes from its own (for example “key:charge”) and sends to the payment provider. If the server calls again after a crash, the provider recognises the key and returns the first charge.',
  },
  completer: {
    term: 'Completer',
    text: 'A background job that finishes requests whose client gave up: it finds key rows left in progress, takes them over once their lock is stale, and drives them to the end.',
  },
  lease: {
    term: 'Lease',
    text: 'A lock that expires by itself after a time, so a crashed holder cannot block others for ever. The catch: a holder that was only paused does not know its lease ran out, and may act after someone else took over.',
  },
  fencing: {
    term: 'Fencing',
    text: 'Refusing a stale lock holder at the resource itself. A fencing token is a number that grows with every new holder, and the resource rejects smaller ones; a payment provider does the same with an idempotency key, returning the first charge to the second caller.',
  },
  'at-least-once': {
    term: 'At-least-once delivery',
    text: 'A promise that a message arrives, perhaps more than once. Retries, redelivering queues and intermediaries all give at-least-once; the receiver must cope with copies.',
  },
  'effectively-once': {
    term: 'Effectively once',
    text: 'Exactly-once delivery is impossible end to end, but exactly-once effect is not: deliver at least once, and make the processing idempotent so that copies change nothing.',
  },
  outbox: {
    term: 'Transactional outbox',
    text: 'Writing a message (“send the receipt”) as a row in the same transaction as the business change, and sending it afterwards from that table. The message exists if and only if the change committed; it may still be sent more than once.',
  },
  'idempotent-consumer': {
    term: 'Idempotent consumer',
    text: 'A message handler that records each message’s id in the same transaction as its effect, and skips ids it has already seen. It turns at-least-once delivery into an effect that happens once.',
  },
  etag: {
    term: 'ETag',
    text: 'A version label the server sends with a resource (ETag: "v7"). It changes whenever the resource does, so a client can say which version it read.',
  },
  'if-match': {
    term: 'If-Match',
    text: 'A request header carrying the ETag the client read: “apply this only if the resource is still that version”. If someone changed it meanwhile, the server refuses with 412 and nothing is overwritten.',
  },
  'lost-update': {
    term: 'Lost update',
    text: 'Two clients read the same version, both change it, and the second save silently erases the first. No request fails; a change just vanishes. If-Match prevents it.',
  },
  precondition: {
    term: 'Precondition (412, 428)',
    text: '412 Precondition Failed: the If-Match version is no longer current, so nothing was done. 428 Precondition Required: the server insists on If-Match and the request had none.',
  },
  backoff: {
    term: 'Exponential backoff',
    text: 'Waiting longer before each retry — 200 ms, 400 ms, 800 ms, up to a cap — so that a struggling server gets room to recover.',
  },
  jitter: {
    term: 'Jitter',
    text: 'Randomness added to the backoff so that clients that failed together do not retry together. AWS describes full, equal and decorrelated jitter; all of them spread a wave of retries over time.',
  },
  'retry-storm': {
    term: 'Retry storm',
    text: 'Many clients retrying at the same moments, so that a server coming back from an outage is hit by a wave larger than its normal load.',
  },
  'retry-budget': {
    term: 'Retry budget',
    text: 'A limit on retries, often a token bucket: each retry spends a token, successes earn some back, and an empty bucket means failing fast instead of retrying. It keeps retries from multiplying the load during an outage.',
  },
  'retry-after': {
    term: 'Retry-After',
    text: 'A response header (with 503 or 429) telling the client how long to wait before trying again. A well-behaved client waits at least that long.',
  },
  invariant: {
    term: 'Invariant',
    text: 'A rule that must hold in every run, such as “at most one charge per payment”. The lab checks its invariants at every moment of a run and marks the moment one breaks.',
  },
  seed: {
    term: 'Seed',
    text: 'The number that fixes every random choice of a run: which message is lost, how long each one takes. The same seed replays the same run exactly; another seed shows another run of the same scenario.',
  },
};

const ru: Readonly<Record<keyof typeof en, TermText>> = {
  idempotency: {
    term: 'Идемпотентность',
    text: 'Операция идемпотентна, если выполнить её дважды (или десять раз) — то же самое, что выполнить один раз. Присвоить полю значение — идемпотентно, прибавить к нему — нет. Списание с карты не идемпотентно, пока сервер не сделает его таким.',
  },
  'side-effect': {
    term: 'Побочный эффект',
    text: 'Всё, что запрос меняет помимо ответа: деньги, списанные с карты, записанная строка, списанный со склада товар, отправленное письмо. Для запросов без побочных эффектов повторы безвредны, для остальных — опасны.',
  },
  retry: {
    term: 'Повтор (retry)',
    text: 'Повторная отправка того же запроса, потому что на первый не пришёл ответ или пришёл ответ «попробуйте позже». Клиент без ответа не отличит потерянный запрос от потерянного ответа, поэтому обязан повторить — а сервер обязан это пережить.',
  },
  timeout: {
    term: 'Тайм-аут',
    text: 'Сколько клиент ждёт ответа, прежде чем бросить эту попытку. Тайм-аут ничего не говорит о том, что случилось на сервере: запрос может ещё выполняться, а может быть давно выполнен.',
  },
  'safe-method': {
    term: 'Безопасный метод',
    text: 'HTTP-метод, который только читает: GET, HEAD, OPTIONS, TRACE (RFC 9110). Его повтор ничего на сервере не меняет.',
  },
  'idempotent-method': {
    term: 'Идемпотентный метод',
    text: 'HTTP-метод, задуманный эффект которого одинаков, сколько бы раз его ни отправили: безопасные методы, а также PUT и DELETE. Ответ может отличаться (повторный DELETE получает 404), состояние — нет. POST и в общем случае PATCH не идемпотентны.',
  },
  'idempotency-key': {
    term: 'Ключ идемпотентности',
    text: 'Уникальное значение, которое клиент создаёт один раз на операцию (обычно UUID) и отправляет в заголовке Idempotency-Key с каждой попыткой. Сервер запоминает ключ вместе с результатом, и повтор получает результат, а не выполняется заново.',
  },
  scope: {
    term: 'Область ключа',
    text: 'Кому принадлежит ключ. Сервер ищет ключ вместе с аутентифицированным отправителем, поэтому два клиента, случайно выбравшие один ключ, никогда не увидят платежей друг друга.',
  },
  replay: {
    term: 'Повтор ответа (replay)',
    text: 'Ответ на повторный запрос сохранённым ответом на первый — без повторного выполнения работы. Stripe помечает такой ответ заголовком Idempotent-Replayed: true.',
  },
  'check-then-act': {
    term: 'Гонка «проверь, потом сделай»',
    text: 'Два запроса одновременно проверяют, есть ли ключ, оба видят «нет» и оба выполняют работу. Этот зазор есть в любой схеме, где сначала проверяют, а записывают потом; его закрывает ограничение уникальности или блокировка.',
  },
  'unique-constraint': {
    term: 'Ограничение уникальности',
    text: 'Правило базы данных: никакие две строки не совпадают по значению, здесь — по паре (отправитель, ключ). Вторая вставка того же ключа ждёт первую транзакцию и падает, так что захватить ключ может только один запрос.',
  },
  fingerprint: {
    term: 'Отпечаток запроса',
    text: 'Хеш метода, пути и тела запроса, сохранённый вместе с ключом. Запрос с тем же ключом, но другим телом — ошибка клиента: сервер отвечает 422, а не выдаёт ответ на чужой запрос.',
  },
  'in-flight-lock': {
    term: 'Блокировка на время выполнения',
    text: 'Строка ключа, зафиксированная сразу в начале работы с пометкой «выполняется». Повтор, пришедший в это время, получает 409 Conflict и пробует позже, вместо того чтобы провести платёж второй раз.',
  },
  retention: {
    term: 'Срок хранения ключа',
    text: 'Сколько сервер хранит ключ и ответ (Stripe — 24 часа). Повтор после этого считается новым запросом, поэтому срок хранения должен превышать время, в течение которого клиент может повторять.',
  },
  'fail-open-closed': {
    term: 'Fail open / fail closed',
    text: 'Что делает сервер, когда хранилище ключей недоступно. Fail open — работать без ключей и рисковать дублями; fail closed — отвечать 503 и оставаться правым ценой доступности.',
  },
  'recovery-point': {
    term: 'Точка восстановления',
    text: 'Отметка в строке ключа после каждого шага работы (начато, списание создано, завершено), записанная в той же транзакции, что и шаг. Запрос, продолженный после падения, начинает с последней отметки, а не с начала.',
  },
  'derived-key': {
    term: 'Производный ключ',
    text: 'Ключ идемпотентности, который сервер получает из своего (например, «ключ:charge») и передаёт платёжному провайдеру. Если после падения сервер позвонит провайдеру снова, тот узнает ключ и вернёт первое списание.',
  },
  completer: {
    term: 'Завершитель (completer)',
    text: 'Фоновая задача, которая доводит до конца запросы, чей клиент сдался: находит строки ключей, оставшиеся «в работе», перехватывает их, когда блокировка устарела, и завершает.',
  },
  lease: {
    term: 'Аренда (lease)',
    text: 'Блокировка, которая сама истекает через заданное время, чтобы упавший владелец не держал её вечно. Подвох: владелец, который всего лишь завис, не знает, что аренда кончилась, и может действовать после того, как работу перехватил другой.',
  },
  fencing: {
    term: 'Ограждение (fencing)',
    text: 'Отказ устаревшему владельцу блокировки на стороне самого ресурса. Токен ограждения — число, которое растёт с каждым новым владельцем, а ресурс отвергает меньшие; платёжный провайдер делает то же с ключом идемпотентности, возвращая второму вызову первое списание.',
  },
  'at-least-once': {
    term: 'Доставка «хотя бы раз»',
    text: 'Гарантия, что сообщение дойдёт — возможно, не один раз. Повторы, очереди с повторной доставкой и посредники дают именно её; получатель должен справляться с копиями.',
  },
  'effectively-once': {
    term: 'Эффект ровно один раз',
    text: 'Доставка ровно один раз от края до края невозможна, а эффект ровно один раз — возможен: доставлять хотя бы раз и обрабатывать идемпотентно, чтобы копии ничего не меняли.',
  },
  outbox: {
    term: 'Transactional outbox',
    text: 'Сообщение («отправить чек») записывается строкой в той же транзакции, что и бизнес-изменение, а отправляется потом из этой таблицы. Сообщение существует тогда и только тогда, когда изменение зафиксировано; отправлено оно может быть и не один раз.',
  },
  'idempotent-consumer': {
    term: 'Идемпотентный потребитель',
    text: 'Обработчик сообщений, который записывает id каждого сообщения в той же транзакции, что и свой эффект, и пропускает уже виденные id. Доставка «хотя бы раз» превращается у него в эффект ровно один раз.',
  },
  etag: {
    term: 'ETag',
    text: 'Метка версии, которую сервер отдаёт вместе с ресурсом (ETag: "v7"). Она меняется при каждом изменении ресурса, так что клиент может сказать, какую версию он прочитал.',
  },
  'if-match': {
    term: 'If-Match',
    text: 'Заголовок запроса с ETag, который клиент прочитал: «примени это, только если ресурс всё ещё той же версии». Если его успели изменить, сервер отказывает с 412, и ничего не затирается.',
  },
  'lost-update': {
    term: 'Потерянное обновление',
    text: 'Два клиента читают одну версию, оба её меняют, и второе сохранение молча затирает первое. Ни один запрос не падает — изменение просто исчезает. If-Match это предотвращает.',
  },
  precondition: {
    term: 'Предусловие (412, 428)',
    text: '412 Precondition Failed: версия из If-Match уже не текущая, поэтому ничего не сделано. 428 Precondition Required: сервер требует If-Match, а в запросе его нет.',
  },
  backoff: {
    term: 'Экспоненциальная задержка',
    text: 'Перед каждым повтором ждать дольше — 200 мс, 400 мс, 800 мс, вплоть до предела, — чтобы перегруженный сервер успел прийти в себя.',
  },
  jitter: {
    term: 'Джиттер',
    text: 'Случайная добавка к задержке, чтобы клиенты, упавшие вместе, не повторяли вместе. AWS описывает полный, равный и декоррелированный джиттер; все они растягивают волну повторов во времени.',
  },
  'retry-storm': {
    term: 'Шторм повторов',
    text: 'Множество клиентов повторяют запросы в одни и те же моменты, и сервер, поднимающийся после сбоя, получает волну больше обычной нагрузки.',
  },
  'retry-budget': {
    term: 'Бюджет повторов',
    text: 'Ограничение на повторы, часто в виде ведра токенов: каждый повтор тратит токен, успехи возвращают часть, а пустое ведро означает сразу вернуть ошибку вместо повтора. Так повторы не умножают нагрузку во время сбоя.',
  },
  'retry-after': {
    term: 'Retry-After',
    text: 'Заголовок ответа (при 503 или 429), который говорит клиенту, сколько подождать перед следующей попыткой. Вежливый клиент ждёт не меньше.',
  },
  invariant: {
    term: 'Инвариант',
    text: 'Правило, которое должно выполняться в любом прогоне, например «не больше одного списания на платёж». Лаборатория проверяет инварианты в каждый момент прогона и отмечает момент, когда один из них нарушен.',
  },
  seed: {
    term: 'Зерно (seed)',
    text: 'Число, которое задаёт все случайные выборы прогона: какое сообщение потеряется, сколько будет идти каждое. То же зерно в точности повторяет прогон; другое показывает другой прогон того же сценария.',
  },
};

export const GLOSSARY_TEXTS: Readonly<Record<Lang, Readonly<Record<string, TermText>>>> = {
  en,
  ru,
};
