/** Time is passed in so that lockout and idle-timeout rules can be tested without waiting. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };
