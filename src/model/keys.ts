import type { Body } from './http.ts';
import { cyrb53 } from '../sim/hash.ts';

/**
 * A client-generated idempotency key. Real clients use a random UUID; here it is derived from who
 * asks for it, so runs stay deterministic while the key still looks (and behaves) like a UUID.
 */
const keyCache = new Map<string, string>();

export function makeIdempotencyKey(...parts: (string | number)[]): string {
  const text = parts.join('/');
  const known = keyCache.get(text);
  if (known !== undefined) return known;
  const key = uuidLike(text);
  // Pure, so safe to remember; bounded by the distinct (client, intent, attempt) names in use.
  if (keyCache.size < 10_000) keyCache.set(text, key);
  return key;
}

function uuidLike(text: string): string {
  const hex = (seed: number) => cyrb53(text, seed).toString(16).padStart(14, '0').slice(-12);
  const digits = (hex(1) + hex(2) + hex(3)).slice(0, 32);
  return [
    digits.slice(0, 8),
    digits.slice(8, 12),
    '4' + digits.slice(13, 16),
    '8' + digits.slice(17, 20),
    digits.slice(20, 32),
  ].join('-');
}

/** A digest of what a payment request asks for: method, path and body (not its headers). */
export function fingerprintOf(request: { method: string; path: string; body: Body }): string {
  const { method, path } = request;
  const { amount, currency, customer } = request.body;
  const text = `${method} ${path} ${amount} ${currency} ${customer}`;
  return cyrb53(text).toString(16).padStart(14, '0');
}
