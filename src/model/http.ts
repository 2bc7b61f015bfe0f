/** The slice of HTTP the payment world speaks. Header names are written as on the wire. */
export type Method = 'GET' | 'HEAD' | 'OPTIONS' | 'PUT' | 'DELETE' | 'POST' | 'PATCH';

/** A JSON object of flat fields: every body the lab sends is one. */
export type Body = Readonly<Record<string, string | number>>;

export type PaymentBody = { amount: number; currency: string; customer: string };

/** A payment's body, read field by field: a request without one is not a payment. */
export function paymentBodyOf(body: Body): PaymentBody {
  const { amount, currency, customer } = body;
  if (typeof amount !== 'number' || typeof currency !== 'string' || typeof customer !== 'string')
    throw new Error(`not a payment: ${JSON.stringify(body)}`);
  return { amount, currency, customer };
}

export interface HttpRequest {
  method: Method;
  path: string;
  headers: Readonly<Record<string, string>>;
  body: Body;
}

export interface HttpResponse {
  status: number;
  headers: Readonly<Record<string, string>>;
  body: Body;
}

export const STATUS_TEXT: Readonly<Record<number, string>> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  412: 'Precondition Failed',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export const IDEMPOTENCY_KEY = 'Idempotency-Key';
export const ETAG = 'ETag';
export const IF_MATCH = 'If-Match';
export const IF_NONE_MATCH = 'If-None-Match';
export const LOCATION = 'Location';
export const IDEMPOTENT_REPLAYED = 'Idempotent-Replayed';
export const RETRY_AFTER = 'Retry-After';

/**
 * What the lab's server asks of a client it turns away for now (a 503 while its key store is down,
 * a 429 when it is overloaded): come back in a second. It cannot know when it will be ready, so it
 * names a short wait; a client that honours it waits at least that long before its next attempt.
 */
export const RETRY_LATER: Readonly<Record<string, string>> = { [RETRY_AFTER]: '1' };

/** How long an answer asks the client to wait (Retry-After in delay-seconds, RFC 9110 §10.2.3). */
export function retryAfterMs(response: HttpResponse): number {
  const value = response.headers[RETRY_AFTER];
  return value !== undefined && /^\d+$/.test(value) ? Number(value) * 1000 : 0;
}

export function statusLine(status: number): string {
  return `${status} ${STATUS_TEXT[status] ?? ''}`.trim();
}

export const isSuccess = (status: number): boolean => status >= 200 && status < 300;

/**
 * The IETF draft writes the key as a structured-field string: `"8e03…"`. Servers read it back
 * without the quotes; a bare value (Stripe's style) is accepted too.
 */
export function readIdempotencyKey(request: HttpRequest): string | null {
  const raw = request.headers[IDEMPOTENCY_KEY];
  if (raw === undefined) return null;
  return raw.startsWith('"') && raw.endsWith('"') && raw.length >= 2 ? raw.slice(1, -1) : raw;
}
