/** The current time in epoch milliseconds. Injected so tests move time instead of sleeping through it. */
export type Clock = () => number

export const systemClock: Clock = () => Date.now()
