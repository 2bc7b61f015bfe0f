import {
  KEY_POLICIES,
  RETRY_KINDS,
  type KeyPolicy,
  type KeyStoreFailure,
  type IntentSpec,
  type NetworkSettings,
  type RetryKind,
  type RetryPolicy,
} from '../model/settings.ts';
import { ERRORS_5XX_POLICIES, type Errors5xxPolicy } from '../model/strategies.ts';
import type { WorldKind } from '../model/worlds.ts';

/**
 * What a person may change in a scenario from the controls: the clients' retry and key policy,
 * the network's loss, duplication and delay, the key store's TTL and failure mode. Each is part
 * of the run's settings — and of its link — so a tweaked run replays exactly too. Unset fields
 * keep the scenario's own values.
 */
export interface Tweaks {
  retry?: RetryKind;
  attempts?: number;
  keyPolicy?: KeyPolicy;
  /** Chance that a message is lost, in percent. */
  lossPercent?: number;
  duplicationPercent?: number;
  /** The longest one-way delay; the shortest stays the scenario's. */
  delayMaxMs?: number;
  keyTtlMs?: number;
  keyStoreFailure?: KeyStoreFailure;
  /** How many payments each client makes, one after another (the scenario's own, repeated). */
  payments?: number;
  /** Whether an error after the work began (a decline) is stored against the key and replayed. */
  errors?: ErrorPolicy;
  /** Whether a request without a key is refused (400, problem+json) instead of run. */
  keyRequired?: YesNo;
  /**
   * What a 5xx after the work began (the provider failed) does to the key: stored and replayed,
   * or the key released for a retry. Not `errors`, which is about declines (402).
   */
  errors5xx?: Errors5xxPolicy;
  /** Whether every client's retries draw on one shared retry budget (a token bucket). */
  retryBudget?: OnOff;
  /** At most this many client requests in progress; one more is answered 429 with Retry-After. */
  maxInProgress?: number;
  /** Whether `payments.charge_id` is UNIQUE (the default), or the books go unguarded. */
  chargeId?: ChargeIdConstraint;
}

export type ChargeIdConstraint = 'unique' | 'plain';

export type ErrorPolicy = 'store' | 'forget';
export type YesNo = 'no' | 'yes';
export type OnOff = 'off' | 'on';

/**
 * One setting the controls offer, as a row: its field in `Tweaks`, its name in links and in the
 * CLI's `--set`, the values it may take (the controls offer exactly these, and links accept
 * exactly these, so a link never shows a choice the controls cannot display), and the worlds it
 * means something in.
 */
export interface SettingRow<K extends keyof Tweaks> {
  field: K;
  param: string;
  values: readonly NonNullable<Tweaks[K]>[];
  worlds: readonly WorldKind[];
}

/** Any row of the table, its field and values kept together. */
export type AnySettingRow = { [K in keyof Tweaks]-?: SettingRow<K> }[keyof Tweaks];

const BOTH: readonly WorldKind[] = ['payments', 'resources'];
/** Keys, their store and the payments made exist only in the payment world. */
const PAYMENTS: readonly WorldKind[] = ['payments'];

const setting = <K extends keyof Tweaks>(
  field: K,
  param: string,
  values: readonly NonNullable<Tweaks[K]>[],
  worlds: readonly WorldKind[],
): SettingRow<K> => ({ field, param, values, worlds });

/** Every setting, in the order the controls show them. */
export const SETTINGS: readonly AnySettingRow[] = [
  setting('retry', 'retry', RETRY_KINDS, BOTH),
  setting('attempts', 'attempts', [1, 2, 3, 4, 6, 10], BOTH),
  setting('keyPolicy', 'key', KEY_POLICIES, PAYMENTS),
  setting('lossPercent', 'loss', [0, 5, 10, 25, 50], BOTH),
  setting('duplicationPercent', 'dup', [0, 5, 10, 25], BOTH),
  setting('delayMaxMs', 'delay', [60, 150, 300, 1000], BOTH),
  setting('keyTtlMs', 'ttl', [2000, 60_000, 86_400_000], PAYMENTS),
  setting('payments', 'payments', [1, 2, 5, 20, 100], PAYMENTS),
  setting('keyStoreFailure', 'failure', ['fail-open', 'fail-closed'], PAYMENTS),
  setting('errors', 'errors', ['store', 'forget'], PAYMENTS),
  setting('keyRequired', 'required', ['no', 'yes'], PAYMENTS),
  setting('errors5xx', 'errors5xx', ERRORS_5XX_POLICIES, PAYMENTS),
  setting('retryBudget', 'budget', ['off', 'on'], PAYMENTS),
  setting('maxInProgress', 'limit', [2, 4, 8], PAYMENTS),
  setting('chargeId', 'chargeid', ['unique', 'plain'], PAYMENTS),
];

/**
 * A setting's value from its text in a link, or undefined when it is not one of the row's values.
 * Numbers are read as links have always written them: digits only.
 */
export function readSetting<K extends keyof Tweaks>(
  row: SettingRow<K>,
  text: string,
): NonNullable<Tweaks[K]> | undefined {
  const numeric = /^\d{1,8}$/.test(text);
  return row.values.find((v) =>
    typeof v === 'number' ? numeric && v === Number(text) : v === text,
  );
}

/** Tweaks with one setting changed, or taken back to the scenario's own with undefined. */
export function withSetting<K extends keyof Tweaks>(
  tweaks: Tweaks,
  field: K,
  value: Tweaks[K] | undefined,
): Tweaks {
  const next = { ...tweaks };
  if (value === undefined) delete next[field];
  else next[field] = value;
  return next;
}

/** Whether a setting means something in a scenario's world: the controls show only those. */
export const settingApplies = (row: AnySettingRow, world: WorldKind): boolean =>
  row.worlds.includes(world);

/**
 * Settings from name=value pairs, as links and the CLI's `--set` write them
 * (`key=per-attempt,loss=25`). Each pair that is not a known setting with an allowed value is
 * reported, and the rest are kept.
 */
function parseSettingPairs(pairs: Iterable<[string, string]>): {
  tweaks: Tweaks;
  bad: string[];
} {
  let tweaks: Tweaks = {};
  const bad: string[] = [];
  for (const [name, text] of pairs) {
    const row = SETTINGS.find((r) => r.param === name);
    const value = row && readSetting<keyof Tweaks>(row, text);
    if (row && value !== undefined) tweaks = withSetting(tweaks, row.field, value);
    else bad.push(`${name}=${text}`);
  }
  return { tweaks, bad };
}

/** Settings written as the CLI's `--set` writes them: `key=per-attempt,loss=25`. */
export function parseTweakList(text: string): { tweaks: Tweaks; bad: string[] } {
  const items = text.split(',').filter((i) => i.trim() !== '');
  return parseSettingPairs(
    items.map((item): [string, string] => {
      const [name = '', value = ''] = item.trim().split('=', 2);
      return [name, value];
    }),
  );
}

/** A setting's link parameters: `loss=25` for `{ lossPercent: 25 }`, in the table's order. */
export function settingParams(tweaks: Tweaks): [string, string][] {
  return SETTINGS.flatMap((row) => {
    const value = tweaks[row.field];
    return value === undefined ? [] : [[row.param, String(value)]];
  });
}

/** Each setting's link name with the values it accepts, for messages: `loss=0|5|10|25|50`. */
export const TWEAK_HELP = SETTINGS.map((row) => `${row.param}=${row.values.join('|')}`).join(', ');

export function tweakRetry(retry: RetryPolicy, tweaks: Tweaks): RetryPolicy {
  const kind = tweaks.retry ?? retry.kind;
  const maxAttempts = kind === 'none' ? 1 : (tweaks.attempts ?? retry.maxAttempts);
  return { ...retry, kind, maxAttempts };
}

/** A client's payments, cycled to the tweaked count: a busier day of the same customers. */
export function tweakIntents(intents: readonly IntentSpec[], tweaks: Tweaks): IntentSpec[] {
  if (tweaks.payments === undefined || intents.length === 0) return [...intents];
  return Array.from({ length: tweaks.payments }, (_, i) => intents[i % intents.length]!);
}

export function tweakNetwork(network: NetworkSettings, tweaks: Tweaks): NetworkSettings {
  return {
    ...network,
    ...(tweaks.lossPercent === undefined ? {} : { lossProbability: tweaks.lossPercent / 100 }),
    ...(tweaks.duplicationPercent === undefined
      ? {}
      : { duplicationProbability: tweaks.duplicationPercent / 100 }),
    ...(tweaks.delayMaxMs === undefined
      ? {}
      : { delayMaxMs: Math.max(network.delayMinMs, tweaks.delayMaxMs) }),
  };
}
