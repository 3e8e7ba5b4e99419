import { UnavailableError } from '../errors.js'
import { isTransactionConflict } from './store.js'

/** What an attempt answers when it lost a race and should be tried again on what is there now. */
export const CONFLICT: unique symbol = Symbol('conflict')
export type Conflict = typeof CONFLICT

const BASE_PAUSE_MS = 4
const MAX_PAUSE_MS = 100
/**
 * Far more attempts than a race takes (each lost attempt is another writer's win), with at most
 * ~2.5 s of pauses in all: reaching it means an attempt that cannot succeed, answered 503 well
 * within the function's timeout rather than looping until it.
 */
const MAX_ATTEMPTS = 50

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Runs `attempt` until it answers something other than {@link CONFLICT}, with full-jitter
 * exponential backoff between attempts so that racers spread out instead of colliding again.
 * An attempt loses only to a writer that won: an optimistic write (conditioned on what was read)
 * fails when another was written since, and a write refused because a transaction holds its item
 * ({@link isTransactionConflict}) waits for that transaction, which is being written. So however
 * many race, every lost attempt is matched by a written one and the race ends; no wall-time budget
 * cuts it short. A store that is down or throttling is not a conflict: its error is thrown at once.
 * @param options.immediate retry at once, without backoff: each losing attempt learnt the state it
 *   lost to (`ReturnValuesOnConditionCheckFailure`), so the next one starts from the winner's write
 * @throws UnavailableError after {@link MAX_ATTEMPTS} lost attempts
 */
export async function retryOnConflict<T>(
  attempt: () => Promise<T | Conflict>,
  options: { immediate?: boolean } = {},
): Promise<T> {
  for (let n = 1; ; n++) {
    let cause: unknown
    try {
      const result = await attempt()
      if (result !== CONFLICT) return result
    } catch (err) {
      if (!isTransactionConflict(err)) throw err
      cause = err
    }
    if (n === MAX_ATTEMPTS) throw new UnavailableError({ cause })
    if (!options.immediate) await pause(Math.random() * Math.min(MAX_PAUSE_MS, BASE_PAUSE_MS * 2 ** n))
  }
}
