/** How long a message is retried: an attempt 24 h after the first is its last. */
export const RETRY_WINDOW_MS = 24 * 3600_000

// The pauses after the 1st, 2nd, … failed attempt (the last repeats): ~23.6 h in all, the final
// attempt then moved to the end of the window, so a receiver down for most of a day still gets it.
const PAUSES_MS = [5, 60, 300, 1800, 7200, 18_000, 28_800, 28_800].map((s) => s * 1000)
const JITTER = 0.1

/**
 * The pause before the next attempt of a message whose attempt number `attempt` just failed, or
 * undefined when its 24 h are over. ±10 % jitter, so receivers coming back are not hit all at once.
 */
export function nextRetryDelay(
  attempt: number,
  firstAttemptAt: number,
  now: number,
  random: () => number = Math.random,
): number | undefined {
  const left = firstAttemptAt + RETRY_WINDOW_MS - now
  if (left <= 0) return undefined
  const pause = PAUSES_MS[Math.min(attempt, PAUSES_MS.length) - 1] ?? PAUSES_MS[0] ?? 5000
  const jittered = Math.round(pause * (1 - JITTER + 2 * JITTER * random()))
  return Math.min(jittered, left)
}
