import { describe, expect, it } from 'vitest';
import { accountOf, apiKeyOf, apiKeyTable, authorizationOf, readApiKey } from './auth.ts';
import type { HttpRequest } from './http.ts';

const EUR = (customer: string) => ({ amount: 4200, currency: 'EUR', customer });
const request = (headers: Record<string, string>): HttpRequest => ({
  method: 'POST',
  path: '/payments',
  headers,
  body: EUR('cus_ada'),
});

describe('API keys', () => {
  it('gives each client a key of its own that looks like one and never changes', () => {
    const key = apiKeyOf('client-1');
    expect(key).toMatch(/^sk_test_[0-9a-z]{24}$/);
    expect(apiKeyOf('client-1')).toBe(key);
    expect(apiKeyOf('client-2')).not.toBe(key);
  });

  it('reads the bearer key back from Authorization, and nothing else', () => {
    expect(readApiKey(request({ Authorization: authorizationOf('client-3') }))).toBe(
      apiKeyOf('client-3'),
    );
    expect(readApiKey(request({}))).toBeNull();
    expect(readApiKey(request({ Authorization: 'Basic YWRhOnNlY3JldA==' }))).toBeNull();
    expect(readApiKey(request({ Authorization: 'Bearer ' }))).toBeNull();
  });

  it('an account is the one a client names, or the customer its first payment names', () => {
    expect(accountOf({ intents: [EUR('cus_ada')] })).toBe('cus_ada');
    expect(accountOf({ account: 'cus_mal', intents: [EUR('cus_ada')] })).toBe('cus_mal');
  });

  it('issues a key per client; a double submit sends its owner’s, so it adds none', () => {
    const table = apiKeyTable([
      { intents: [EUR('cus_ada')] },
      { intents: [EUR('cus_ada')], resubmits: 0 },
      { account: 'cus_mal', intents: [EUR('cus_ada')] },
    ]);
    expect(table).toEqual({
      [apiKeyOf('client-1')]: 'cus_ada',
      [apiKeyOf('client-3')]: 'cus_mal',
    });
  });
});
