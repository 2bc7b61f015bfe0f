/**
 * Each scenario's story, told in the settings drawer. It lives apart from en.ts and ru.ts
 * because only the drawer, which loads when first opened, tells it: the first screen's budget
 * (130 KB gzip) does not carry it. The Russian stories are typed by the English ones.
 */
import type { ScenarioId } from '../scenarios/ids.ts';
import type { Lang } from './i18n.ts';

const en: Readonly<Record<ScenarioId, string>> = {
  'method-retries':
    'A conditional GET, then GET, HEAD, OPTIONS, PUT, PATCH, POST and DELETE each lose their first response, and the client repeats them. The safe methods change nothing (the conditional GET gets 304 Not Modified twice); PUT and DELETE leave the state as one request would; POST creates a second user and PATCH adds 10 twice.',
  'delete-twice':
    'The server deletes /users/123 and answers 204, but the answer is lost. The retry gets 404 Not Found: a different response, the same state. That is what idempotent means — the effect, not the answer.',
  'lost-update':
    'Two people open account 42 (balance 100) at nearly the same time. One adds 10, the other 20; each saves the whole account with a plain PUT. The second save erases the first: one change silently vanishes.',
  'lost-update-prevented':
    'The same two edits, but each save carries If-Match with the ETag it read. The second writer gets 412 Precondition Failed, reads again, adds its change to the new balance and saves: 130, nothing lost.',
  'conditional-retry':
    'A conditional PUT succeeds, but its answer is lost. The retry carries the old ETag, which the first attempt itself replaced, so it gets 412 — although the change was made. Here 412 means “already done”: the client reads again and finds its change there.',
  'create-only-put':
    'Two clients try to create /users/200 at the same moment, each with If-None-Match: *. The first gets 201 Created; the second gets 412 instead of silently replacing the first one’s user.',
  'precondition-required':
    'The server refuses changes without a precondition. A client that saves without If-Match gets 428 Precondition Required and changes nothing; one that sends If-Match saves safely.',
  'happy-path':
    'Nothing goes wrong. The client sends one payment, the server charges the card once and answers 201 Created. Start here to see what a normal run looks like.',
  'lost-response':
    'The server charges the card and commits, but its 201 response is lost on the way back. The client cannot tell “never arrived” from “done, answer lost”, so it times out and retries. Without an idempotency key the retry is a second charge.',
  'crash-after-commit':
    'The server commits the payment and crashes before it can answer. For the client this looks exactly like a lost response: a timeout, then a retry that charges again unless the server recognises the key.',
  'crash-before-commit':
    'The server crashes while handling the request, before it has charged or committed anything. The transaction rolls back, so the retry is safe with or without a key: the customer is charged exactly once.',
  'slow-server-timeout':
    'The payment provider takes 1.5 s, but the client gives up after 1 s and retries while the first request is still running. Without protection every retry is another charge; with a key the retry waits, or gets 409 and tries again, and in the end gets the first response replayed.',
  'flaky-network':
    'Three payments over a network that loses a quarter of all messages, delays them by 20–300 ms and sometimes delivers one twice. The client retries with jittered exponential backoff. Change the seed to see different storms.',
  'double-click':
    'The customer clicks “Pay” twice; the page sends the same payment twice, 25 ms apart. If the form made its idempotency key when it was shown, both requests carry it and the server charges once. Without a key: two charges.',
  'concurrent-retries':
    'The client’s timeout (250 ms) is shorter than the provider’s answer (400 ms), and it retries almost at once: two requests with one key race through the server. The textbook cache misses for both; a locked key answers the second with 409.',
  'duplicate-delivery':
    'Something on the path sends the request twice: a proxy or load balancer that retries on its own, an HTTP library that resends on a reset connection, a queue that delivers at least once. (TCP never does: it drops the copies it retransmits.) The server sees two identical requests at nearly the same moment — a race no retry of the client caused.',
  'new-key-per-retry':
    'The response is lost and the client retries — but it generates a fresh idempotency key for every attempt. To the server each retry is a brand-new payment, so even a correct server charges twice. The key must be made once per operation, outside the retry loop.',
  'key-expired':
    'The server keeps keys for 2 s, but the client waits 2.5 s before retrying a lost response. By then the key is gone and the retry is a new request: a duplicate. Keep keys longer than clients keep retrying (Stripe: 24 hours).',
  'key-store-down':
    'The idempotency-key store is unreachable for 3 s and the server chooses to go on without it. (The keys live apart from the payments here, in a store of their own, so the key’s INSERT fails while the payment’s still works — the log shows the claim failing and the payment going ahead unprotected.) The first response is lost, the retry cannot be recognised, and the customer is charged twice.',
  'key-store-down-fail-closed':
    'The same outage, but the server refuses with 503 Service Unavailable while it cannot check keys. The client retries until the store is back, then pays exactly once. Safety is bought with availability.',
  'payload-mismatch':
    'A buggy client reuses one idempotency key for two payments (€42.00, then €15.00). A server that only looks at the key replays the first payment’s 201 for the second: the client believes it paid, but nothing was charged. A fingerprint catches it with 422.',
  'crash-after-provider-charge':
    'The provider charges the card, then the server crashes before committing. The rollback cannot undo an outside charge, and a retry charges again — unless the provider call carries a key derived from ours and the request resumes from its recovery point.',
  'declined-late-copy':
    'Ada’s card holds €30 and she pays €42: the provider declines, and her app shows “Payment declined”. She tops up €50. Then a copy of the old request, held up in the network, arrives 800 ms late. A server that stored the decline replays it; one that did not charges her for a payment she was told had failed.',
  'provider-outage':
    'The payment provider is down for the first second and answers every charge with 503, so the server answers 500: the work had begun — the key was claimed — when it failed. What follows is the server’s policy for a 5xx after the work began (the setting errors5xx, not the one for declines). Stored, as Stripe’s v1 API does (the default here without recovery points): the 500 becomes the key’s answer, every retry gets it back, and this payment never happens with this key — the client has to find out what happened and start a new payment. Released, as in rocket-rides (the default with recovery points): the key is unlocked, and a retry or the background completer resumes the work once the provider is back — one charge, 201. A request without a key has nothing stored against it: its retry simply runs again.',
  'provider-timeout':
    'For the first second calls to the provider hang: it takes the charge, but its answer never comes, and after 500 ms the server stops waiting and answers 500. The outcome is unknown — the money may have moved. Stored (Stripe v1), every retry gets that 500 and the card is not charged again, but the first charge did happen and no payment is recorded: someone has to reconcile it with the provider. Released (rocket-rides), a retry runs the charge again — a second charge, unless the provider call carries a key derived from ours, as with recovery points, and the provider hands back the first charge. In the settings below, choose “key released” for a provider failure and compare the locked key with recovery points.',
  'retry-storm':
    'Twelve customers pay while the server is down for 2.5 s. Their clients back off exponentially but without jitter, so the retries arrive in synchronised waves. Watch the server’s peak load.',
  'retry-storm-jitter':
    'The same outage, but each client waits a random time up to its backoff (full jitter). The retries spread out: the busiest 100 ms sees about half of them on average, never all twelve. The first attempts still arrive together, so the peak of all requests stays at twelve.',
  'stolen-key':
    'Ada pays €42.00. Later Mallory, another caller with an API key of her own, sends Ada’s Idempotency-Key, copied from a log: first with Ada’s very request, then with a €5.00 payment of her own. The key is scoped by who calls, not by the customer the body names: the first gets 403 Forbidden, the second is a new payment in Mallory’s own scope. The textbook cache keys by the body’s customer and answers before anyone checks the caller: it hands Mallory Ada’s payment.',
};

const ru: typeof en = {
  'method-retries':
    'У условного GET, а затем у GET, HEAD, OPTIONS, PUT, PATCH, POST и DELETE теряется первый ответ, и клиент повторяет запрос. Безопасные методы ничего не меняют (условный GET дважды получает 304 Not Modified); PUT и DELETE оставляют то же состояние, что и один запрос; POST создаёт второго пользователя, а PATCH прибавляет 10 дважды.',
  'delete-twice':
    'Сервер удаляет /users/123 и отвечает 204, но ответ теряется. Повтор получает 404 Not Found: ответ другой, состояние то же. Это и есть идемпотентность — про эффект, а не про ответ.',
  'lost-update':
    'Двое почти одновременно открывают счёт 42 (баланс 100). Один прибавляет 10, другой 20; каждый сохраняет счёт целиком обычным PUT. Второе сохранение стирает первое: одно изменение молча пропадает.',
  'lost-update-prevented':
    'Те же две правки, но каждое сохранение несёт If-Match с прочитанным ETag. Второй получает 412 Precondition Failed, читает заново, прибавляет своё к новому балансу и сохраняет: 130, ничего не потеряно.',
  'conditional-retry':
    'Условный PUT выполняется, но ответ теряется. Повтор несёт старый ETag, который первая попытка сама и заменила, поэтому получает 412 — хотя изменение сделано. Здесь 412 значит «уже готово»: клиент читает заново и находит своё изменение на месте.',
  'create-only-put':
    'Два клиента одновременно создают /users/200, каждый с If-None-Match: *. Первый получает 201 Created, второй — 412, а не молча заменяет пользователя первого.',
  'precondition-required':
    'Сервер отклоняет изменения без предусловия. Клиент, сохраняющий без If-Match, получает 428 Precondition Required и ничего не меняет; тот, кто шлёт If-Match, сохраняет безопасно.',
  'happy-path':
    'Ничего не ломается. Клиент отправляет один платёж, сервер один раз списывает деньги и отвечает 201 Created. Начните отсюда, чтобы увидеть, как выглядит нормальный прогон.',
  'lost-response':
    'Сервер списывает деньги и фиксирует транзакцию, но ответ 201 теряется по дороге. Клиент не может отличить «запрос не дошёл» от «всё сделано, ответ потерян», поэтому ждёт тайм-аута и повторяет запрос. Без ключа идемпотентности повтор — это второе списание.',
  'crash-after-commit':
    'Сервер фиксирует платёж и падает, не успев ответить. Для клиента это выглядит так же, как потерянный ответ: тайм-аут и повтор, который спишет деньги снова, если сервер не узнает ключ.',
  'crash-before-commit':
    'Сервер падает посреди обработки, ещё ничего не списав и не зафиксировав. Транзакция откатывается, поэтому повтор безопасен и с ключом, и без него: деньги списываются ровно один раз.',
  'slow-server-timeout':
    'Платёжный провайдер отвечает за 1,5 с, а клиент ждёт только 1 с и повторяет запрос, пока первый ещё выполняется. Без защиты каждый повтор — новое списание; с ключом повтор ждёт или получает 409 и пробует снова, а в итоге получает сохранённый первый ответ.',
  'flaky-network':
    'Три платежа через сеть, которая теряет четверть сообщений, задерживает их на 20–300 мс и иногда доставляет дважды. Клиент повторяет запросы с экспоненциальной задержкой и случайным разбросом (jitter). Меняйте зерно, чтобы увидеть разные штормы.',
  'double-click':
    'Покупатель дважды нажимает «Оплатить»; страница отправляет один и тот же платёж два раза с разницей 25 мс. Если форма создала ключ идемпотентности при показе, оба запроса несут его, и сервер списывает один раз. Без ключа — два списания.',
  'concurrent-retries':
    'Тайм-аут клиента (250 мс) короче ответа провайдера (400 мс), и клиент повторяет почти сразу: два запроса с одним ключом наперегонки проходят через сервер. Учебный кеш промахивается для обоих; ключ с блокировкой отвечает второму 409.',
  'duplicate-delivery':
    'Что-то на пути отправляет запрос дважды: прокси или балансировщик, который сам повторяет запросы, HTTP-библиотека, которая переотправляет запрос после обрыва соединения, очередь с доставкой «хотя бы раз». (TCP так не делает: копии своих повторных передач он отбрасывает.) Сервер видит два одинаковых запроса почти в один момент — гонку, которую не вызывал ни один повтор клиента.',
  'new-key-per-retry':
    'Ответ потерян, клиент повторяет запрос — но для каждой попытки создаёт новый ключ идемпотентности. Для сервера каждый повтор — новый платёж, поэтому даже правильный сервер спишет дважды. Ключ создаётся один раз на операцию, вне цикла повторов.',
  'key-expired':
    'Сервер хранит ключи 2 с, а клиент повторяет потерянный запрос через 2,5 с. К этому моменту ключа уже нет, и повтор — это новый запрос: дубликат. Храните ключи дольше, чем клиенты продолжают повторять (в Stripe — 24 часа).',
  'key-store-down':
    'Хранилище ключей идемпотентности недоступно 3 с, и сервер решает работать дальше без него (fail open). (Ключи здесь хранятся отдельно от платежей, поэтому INSERT ключа падает, а запись платежа проходит — в журнале видно, как захват ключа не удаётся и платёж идёт дальше без защиты.) Первый ответ теряется, повтор невозможно распознать, и деньги списываются дважды.',
  'key-store-down-fail-closed':
    'Тот же сбой, но сервер отвечает 503 Service Unavailable, пока не может проверить ключи (fail closed). Клиент повторяет, пока хранилище не вернётся, и платит ровно один раз. Безопасность покупается ценой доступности.',
  'payload-mismatch':
    'Клиент с ошибкой использует один ключ идемпотентности для двух платежей (42,00 €, затем 15,00 €). Сервер, который смотрит только на ключ, отвечает на второй платёж сохранённым 201 от первого: клиент думает, что заплатил, а списания не было. Отпечаток запроса ловит это и отвечает 422.',
  'crash-after-provider-charge':
    'Провайдер списал деньги, а сервер упал до коммита. Откат не отменит внешнее списание, и повтор спишет ещё раз — если только вызов провайдера не несёт ключ, производный от нашего, а запрос не продолжается с точки восстановления.',
  'declined-late-copy':
    'На карте Ады 30 €, а платит она 42 €: провайдер отказывает, и приложение показывает «Платёж отклонён». Ада пополняет карту на 50 €. Затем копия старого запроса, задержавшаяся в сети, приходит с опозданием на 800 мс. Сервер, сохранивший отказ, воспроизводит его; сервер, не сохранивший, списывает деньги за платёж, о котором Аде сказали, что он не прошёл.',
  'provider-outage':
    'Первую секунду платёжный провайдер недоступен и на каждое списание отвечает 503, поэтому сервер отвечает клиенту 500: работа уже началась — ключ захвачен, — когда случился сбой. Дальше всё решает политика сервера для 5xx после начала работы (настройка errors5xx, не та, что для отказов по карте). Если ошибка сохраняется, как в API Stripe v1 (здесь так по умолчанию у стратегий без точек восстановления), 500 становится ответом для этого ключа: каждый повтор получает его снова, и с этим ключом платёж уже не пройдёт — клиенту придётся выяснить, что произошло, и начать новый платёж. Если ключ освобождается, как в rocket-rides (по умолчанию у точек восстановления), блокировка снимается, и повтор или фоновый обработчик продолжает работу, когда провайдер вернётся: одно списание, 201. У запроса без ключа сохранять ошибку не под чем — его повтор просто выполняется заново.',
  'provider-timeout':
    'Первую секунду вызовы провайдера зависают: деньги он списывает, но ответ не приходит, и через 500 мс сервер перестаёт ждать и отвечает 500. Исход неизвестен — деньги могли уйти. Если ошибка сохраняется (Stripe v1), каждый повтор получает тот же 500 и карту больше не трогает, но первое списание было, а платёж нигде не записан: сверять его с провайдером придётся отдельно. Если ключ освобождается (rocket-rides), повтор списывает снова — второе списание, если только вызов провайдера не несёт ключ, производный от нашего, как у точек восстановления: тогда провайдер вернёт первое списание. Выберите в настройках ниже для сбоя провайдера «ключ освобождается» и сравните ключ с блокировкой с точками восстановления.',
  'retry-storm':
    'Двенадцать покупателей платят, пока сервер лежит 2,5 с. Их клиенты увеличивают паузы экспоненциально, но без случайного разброса, и повторы приходят синхронными волнами. Следите за пиковой нагрузкой на сервер.',
  'retry-storm-jitter':
    'Тот же сбой, но каждый клиент ждёт случайное время в пределах своей паузы (full jitter). Повторы растягиваются во времени: в самые загруженные 100 мс приходит в среднем около половины из них и ни разу все двенадцать. Первые попытки по-прежнему приходят разом, поэтому пик всех запросов остаётся двенадцать.',
  'stolen-key':
    'Ада платит 42,00 €. Позже Мэллори — другой клиент со своим API-ключом — присылает ключ идемпотентности Ады, скопированный из лога: сначала с тем же запросом, что у Ады, потом со своим платежом на 5,00 €. Область действия ключа задаёт тот, кто обращается, а не покупатель, названный в теле запроса: первый запрос получает 403 Forbidden, второй становится новым платежом в собственной области Мэллори. Учебный кэш берёт покупателя из тела и отвечает раньше, чем кто-либо проверит вызывающего: он отдаёт Мэллори платёж Ады.',
};

export const SCENARIO_STORIES: Readonly<Record<Lang, typeof en>> = { en, ru };
