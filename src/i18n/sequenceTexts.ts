/**
 * The sequence diagram's words for the server's calls to its store and its payment provider
 * (report/calls.ts), in every language. They live apart from en.ts and ru.ts, as the captions'
 * do, because only the diagram and its export use them, and both load after the first screen:
 * the first screen's budget (130 KB gzip) does not carry them. The Russian texts are typed by the
 * English ones, so no call can lack a language.
 */
import type { Lang } from './i18n.ts';

const en = {
  /** The server's calls to its store, as short as a line of SQL. */
  ops: {
    claimKey: 'INSERT key',
    lockKey: 'lock key',
    commit: 'COMMIT',
    finish: 'COMMIT (done)',
    rollback: 'ROLLBACK',
    forgetKey: 'DELETE key',
    cacheGet: 'cache GET',
    cacheSet: 'cache SET',
  },
  commitPayment: (id: string) => `COMMIT ${id}`,
  charge: (amount: string) => `charge ${amount}`,
  chargeAgain: (amount: string) => `charge ${amount} again`,
  chargeSameKey: 'charge, same key',
  charged: (id: string) => `200 ${id}`,
  sameCharge: (id: string) => `200 ${id} (same)`,
  replies: {
    KEY_CLAIMED: 'key claimed',
    KEY_LOCKED: 'key locked',
    KEY_EXISTS: 'key exists',
    KEY_BUSY: 'key busy',
    KEY_MISMATCH: 'other request',
    KEY_STORE_DOWN: 'store down',
    COMMITTED: 'committed',
    FINISHED: 'committed',
    LOCK_LOST: 'lock lost',
    CACHE_HIT: 'cache hit',
    CACHE_MISS: 'cache miss',
    CACHED: 'cached',
    KEY_FORGOTTEN: 'key deleted',
    CHARGED: 'charged',
    DECLINED: '402 declined',
    PROVIDER_ERROR: '503 down',
    PROVIDER_TIMEOUT: 'no answer',
    UNIQUE_VIOLATION: 'unique violation: charge_id',
  },
  /** rocket-rides after a 5xx: the key row stays, unlocked, for a retry to resume. */
  unlockKey: 'unlock key',
  keyUnlocked: 'key unlocked',
  /** An answer whose request died in a crash before it came. */
  unheard: 'never heard: the server crashed',
  /** A call's or an answer's name for a screen reader and a tooltip. */
  named: (from: string, to: string, label: string) => `${from} → ${to}: ${label}`,
  rollback: 'rollback',
};

export type SequenceTexts = typeof en;

const ru: SequenceTexts = {
  ops: {
    claimKey: 'INSERT ключа',
    lockKey: 'блокировка ключа',
    commit: 'COMMIT',
    finish: 'COMMIT (готово)',
    rollback: 'ROLLBACK',
    forgetKey: 'DELETE ключа',
    cacheGet: 'чтение кэша',
    cacheSet: 'запись в кэш',
  },
  commitPayment: (id: string) => `COMMIT ${id}`,
  charge: (amount: string) => `списать ${amount}`,
  chargeAgain: (amount: string) => `снова списать ${amount}`,
  chargeSameKey: 'списание, тот же ключ',
  charged: (id: string) => `200 ${id}`,
  sameCharge: (id: string) => `200 ${id} (тот же)`,
  replies: {
    KEY_CLAIMED: 'ключ записан',
    KEY_LOCKED: 'ключ заблокирован',
    KEY_EXISTS: 'ключ уже есть',
    KEY_BUSY: 'ключ занят',
    KEY_MISMATCH: 'другой запрос',
    KEY_STORE_DOWN: 'БД недоступна',
    COMMITTED: 'зафиксировано',
    FINISHED: 'зафиксировано',
    LOCK_LOST: 'блокировка утеряна',
    CACHE_HIT: 'есть в кэше',
    CACHE_MISS: 'нет в кэше',
    CACHED: 'в кэше',
    KEY_FORGOTTEN: 'ключ удалён',
    CHARGED: 'списано',
    DECLINED: '402 отказ',
    PROVIDER_ERROR: '503 лёг',
    PROVIDER_TIMEOUT: 'нет ответа',
    UNIQUE_VIOLATION: 'нарушена уникальность charge_id',
  },
  unlockKey: 'снять блокировку',
  keyUnlocked: 'блокировка снята',
  unheard: 'ответ не дошёл: сервер упал',
  named: (from: string, to: string, label: string) => `${from} → ${to}: ${label}`,
  rollback: 'откат',
};

export const SEQUENCE_TEXTS: Readonly<Record<Lang, SequenceTexts>> = { en, ru };
