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
}

export type ErrorPolicy = 'store' | 'forget';
export const ERROR_POLICIES: readonly ErrorPolicy[] = ['store', 'forget'];

export const KEY_TTLS_MS = [2000, 60_000, 86_400_000] as const;
/** The values the controls offer; links accept exactly these, so a link never shows a choice
 * the controls cannot display. */
export const ATTEMPT_CHOICES = [1, 2, 3, 4, 6, 10] as const;
export const LOSS_CHOICES = [0, 5, 10, 25, 50] as const;
export const DUPLICATION_CHOICES = [0, 5, 10, 25] as const;
export const DELAY_CHOICES_MS = [60, 150, 300, 1000] as const;
export const PAYMENT_CHOICES = [1, 2, 5, 20, 100] as const;
export const KEY_STORE_FAILURES: readonly KeyStoreFailure[] = ['fail-open', 'fail-closed'];

/** Each tweak as a link parameter: its name, how to check it, how to read it. */
export const TWEAK_PARAMS: {
  [K in keyof Tweaks]-?: {
    param: string;
    valid: (v: string) => boolean;
    read: (v: string) => Tweaks[K];
  };
} = {
  retry: {
    param: 'retry',
    valid: (v) => (RETRY_KINDS as string[]).includes(v),
    read: (v) => v as RetryKind,
  },
  attempts: { param: 'attempts', valid: oneOf(ATTEMPT_CHOICES), read: Number },
  keyPolicy: {
    param: 'key',
    valid: (v) => (KEY_POLICIES as string[]).includes(v),
    read: (v) => v as KeyPolicy,
  },
  lossPercent: { param: 'loss', valid: oneOf(LOSS_CHOICES), read: Number },
  duplicationPercent: { param: 'dup', valid: oneOf(DUPLICATION_CHOICES), read: Number },
  delayMaxMs: { param: 'delay', valid: oneOf(DELAY_CHOICES_MS), read: Number },
  keyTtlMs: { param: 'ttl', valid: oneOf(KEY_TTLS_MS), read: Number },
  keyStoreFailure: {
    param: 'failure',
    valid: (v) => (KEY_STORE_FAILURES as string[]).includes(v),
    read: (v) => v as KeyStoreFailure,
  },
  payments: { param: 'payments', valid: oneOf(PAYMENT_CHOICES), read: Number },
  errors: {
    param: 'errors',
    valid: (v) => (ERROR_POLICIES as string[]).includes(v),
    read: (v) => v as ErrorPolicy,
  },
};

/**
 * Settings written as a link writes them, `key=per-attempt,loss=25` (the CLI's `--set`). Each
 * item that is not a known setting with an allowed value is reported, and the rest are kept.
 */
export function parseTweakList(text: string): { tweaks: Tweaks; bad: string[] } {
  const tweaks: Record<string, unknown> = {};
  const bad: string[] = [];
  for (const item of text.split(',').filter((i) => i.trim() !== '')) {
    const [name, value = ''] = item.trim().split('=', 2);
    const entry = Object.entries(TWEAK_PARAMS).find(([, spec]) => spec.param === name);
    if (entry && entry[1].valid(value)) tweaks[entry[0]] = entry[1].read(value);
    else bad.push(item.trim());
  }
  return { tweaks: tweaks as Tweaks, bad };
}

/** Each setting's link name with the values it accepts, for messages: `loss=0|5|10|25|50`. */
export const TWEAK_HELP = (
  [
    ['retry', RETRY_KINDS],
    ['attempts', ATTEMPT_CHOICES],
    ['key', KEY_POLICIES],
    ['loss', LOSS_CHOICES],
    ['dup', DUPLICATION_CHOICES],
    ['delay', DELAY_CHOICES_MS],
    ['ttl', KEY_TTLS_MS],
    ['failure', KEY_STORE_FAILURES],
    ['payments', PAYMENT_CHOICES],
    ['errors', ERROR_POLICIES],
  ] as const
)
  .map(([name, values]) => `${name}=${values.join('|')}`)
  .join(', ');

function oneOf(choices: readonly number[]) {
  return (v: string) => /^\d{1,8}$/.test(v) && choices.includes(Number(v));
}

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
