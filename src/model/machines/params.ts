/**
 * The transition's event, as the params of its actions and guards: `{ type: 'name', params:
 * theEvent }`. XState types `event` by the transition it is on, and the action or guard declares
 * the params it reads, so the event's data arrives typed, without a cast. It returns the event
 * itself, so a hot transition allocates nothing for it.
 */
export const theEvent = <E>({ event }: { event: E }): E => event;
