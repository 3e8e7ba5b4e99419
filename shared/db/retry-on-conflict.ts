import { UnavailableError } from '../errors.js'

/** What an attempt answers when it lost a race and should be tried again on what is there now. */
export const CONFLICT: unique symbol = Symbol('conflict')
export type Conflict = typeof CONFLICT

/**
 * Whether DynamoDB refused a single-item write because a transaction holds the item right now (the
 * store reports it as unavailable, so that a caller who does not retry answers 503).
 */
const isTransactionConflict = (err: unknown) =>
  err instanceof UnavailableError &&
  err.cause instanceof Error &&
  err.cause.name === 'TransactionConflictException'

const BASE_PAUSE_MS = 4
const MAX_PAUSE_MS = 100

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Runs `attempt` until it answers something other than {@link CONFLICT}, with full-jitter exponential
 * backoff between attempts (so racers spread out instead of colliding again), for at most `budgetMs`
 * of wall time: the store's deadline. A losing attempt means another writer won meanwhile, so a race
 * among a finite number of writers always ends; only a store that keeps refusing uses the budget up.
 * A `TransactionConflictException` thrown by a single-item write counts as a conflict too.
 * @param options.immediate retry at once, without backoff: each losing attempt learnt the state it
 *   lost to (`ReturnValuesOnConditionCheckFailure`), so the next one starts from the winner's write
 * @throws UnavailableError when conflicts outlast the budget
 */
export async function retryOnConflict<T>(
  budgetMs: number,
  attempt: () => Promise<T | Conflict>,
  options: { immediate?: boolean } = {},
): Promise<T> {
  const giveUpAt = performance.now() + budgetMs
  for (let n = 0; ; n++) {
    let cause: unknown
    try {
      const result = await attempt()
      if (result !== CONFLICT) return result
    } catch (err) {
      if (!isTransactionConflict(err)) throw err
      cause = err
    }
    const wait = options.immediate ? 0 : Math.random() * Math.min(MAX_PAUSE_MS, BASE_PAUSE_MS * 2 ** n)
    if (performance.now() + wait > giveUpAt) throw new UnavailableError({ cause })
    if (wait > 0) await pause(wait)
  }
}
