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
/**
 * Far more attempts than any race takes (each lost attempt is another writer's win): reaching it
 * means an attempt that can never succeed, a bug to report rather than a loop to run forever.
 */
const MAX_ATTEMPTS = 100

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export interface RetryOptions {
  /**
   * The most wall time to spend, when losing does not prove that another writer won (a transaction
   * that is merely in progress on the item): the store's deadline.
   */
  budgetMs?: number
  /**
   * Retry at once, without backoff: each losing attempt learnt the state it lost to
   * (`ReturnValuesOnConditionCheckFailure`), so the next one starts from the winner's write.
   */
  immediate?: boolean
}

/**
 * Runs `attempt` until it answers something other than {@link CONFLICT}, with full-jitter
 * exponential backoff between attempts so that racers spread out instead of colliding again.
 * An optimistic write (a condition on what was read) loses only when another writer won, so a race
 * among any number of writers ends: each attempt that loses is matched by one that was written.
 * A `TransactionConflictException` thrown by a single-item write counts as a conflict too.
 * @throws UnavailableError when conflicts outlast `budgetMs`, or after {@link MAX_ATTEMPTS}
 */
export async function retryOnConflict<T>(
  attempt: () => Promise<T | Conflict>,
  options: RetryOptions = {},
): Promise<T> {
  const giveUpAt =
    options.budgetMs === undefined ? Number.POSITIVE_INFINITY : performance.now() + options.budgetMs
  for (let n = 1; ; n++) {
    let cause: unknown
    try {
      const result = await attempt()
      if (result !== CONFLICT) return result
    } catch (err) {
      if (!isTransactionConflict(err)) throw err
      cause = err
    }
    const wait = options.immediate ? 0 : Math.random() * Math.min(MAX_PAUSE_MS, BASE_PAUSE_MS * 2 ** n)
    if (n === MAX_ATTEMPTS || performance.now() + wait > giveUpAt) throw new UnavailableError({ cause })
    if (wait > 0) await pause(wait)
  }
}
