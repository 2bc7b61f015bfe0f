import type { RequestMessage } from '../model/message.ts';

/**
 * Counts a request's attempts as a person does: the how-manieth time this client sends this method
 * and path for this intent. An update's read and its write are two requests, each with its own
 * first attempt; the message's own number counts both, so that a late answer to the read can
 * never pass for the write's. Feed it every request sent, in trace order.
 */
export function attemptCounter(): (message: RequestMessage) => number {
  const sent = new Map<string, number>();
  return (message) => {
    const { method, path } = message.request;
    const request = `${message.from} ${message.intentId} ${method} ${path}`;
    const attempt = (sent.get(request) ?? 0) + 1;
    sent.set(request, attempt);
    return attempt;
  };
}
