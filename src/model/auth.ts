import type { HttpRequest } from './http.ts';
import { clientIdOf, type ActorId } from './message.ts';
import type { ClientSettings } from './settings.ts';
import { cyrb53 } from '../sim/hash.ts';

/**
 * Who is calling. Every client authenticates with an API key of its own, sent as
 * `Authorization: Bearer sk_test_…`; the server looks the key up and finds the account it belongs
 * to — the caller. An idempotency key is scoped by that caller (the IETF draft's security
 * considerations; Stripe scopes keys per account), never by a value the request body names, and a
 * caller may create payments only for its own customer.
 *
 * In this lab an account is a customer paying for themselves (`cus_ada`), so the caller's name is
 * its customer's id. An account may hold several API keys (the clients of a retry storm all pay
 * for one customer, each with a key of its own); they all share the account's scope.
 */
export const AUTHORIZATION = 'Authorization';

/** The bearer scheme's prefix, as RFC 6750 writes it. */
const BEARER = 'Bearer ';

/**
 * A client's API key, derived from its name so that runs stay deterministic, while it still looks
 * like one: `sk_test_` and 24 letters and digits. A double submit is the same person's second
 * click, so it is made with the key of the client whose form it sends again.
 */
export function apiKeyOf(clientId: ActorId): string {
  const digits = [1, 2, 3].map((seed) =>
    cyrb53(`api-key/${clientId}`, seed).toString(36).padStart(11, '0').slice(-8),
  );
  return `sk_test_${digits.join('')}`;
}

/** The header a client sends to authenticate. */
export const authorizationOf = (clientId: ActorId): string => `${BEARER}${apiKeyOf(clientId)}`;

/** The API key a request carries, or null when it carries none (or another scheme). */
export function readApiKey(request: HttpRequest): string | null {
  const raw = request.headers[AUTHORIZATION];
  if (raw === undefined || !raw.startsWith(BEARER)) return null;
  return raw.slice(BEARER.length).trim() || null;
}

/** The account a client's key belongs to: its own, or else the customer its first payment names. */
export function accountOf(settings: Pick<ClientSettings, 'account' | 'intents'>): string {
  const account = settings.account ?? settings.intents[0]?.customer;
  if (account === undefined) throw new Error('no account');
  return account;
}

/**
 * The server's table of API keys: each key issued, with the account it belongs to. Built from the
 * clients of a run, as an operator would have issued them before it.
 */
export function apiKeyTable(
  clients: readonly Pick<ClientSettings, 'account' | 'intents' | 'resubmits'>[],
): Readonly<Record<string, string>> {
  const table: Record<string, string> = {};
  clients.forEach((client, index) => {
    const owner = client.resubmits ?? index;
    const settings = clients[owner];
    if (!settings) throw new Error(`no client ${owner + 1}`);
    table[apiKeyOf(clientIdOf(owner))] = accountOf(settings);
  });
  return table;
}
