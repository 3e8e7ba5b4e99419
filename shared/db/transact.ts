import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb'
import { UnavailableError } from '../errors.js'
import type { Store } from './store.js'

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number]

/** Why each item of a cancelled transaction failed (`ConditionalCheckFailed`, `None`, …), in order. */
export type CancellationCodes = string[]

const MAX_ATTEMPTS = 6

const cancellationCodes = (err: unknown): CancellationCodes | undefined => {
  if (!(err instanceof Error) || err.name !== 'TransactionCanceledException') return undefined
  const reasons = (err as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []
  return reasons.map((r) => r.Code ?? 'None')
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * One TransactWriteItems. Transactions that touch a hot item (a page's counter) at the same
 * moment cancel each other with `TransactionConflict`; those are retried with jittered backoff.
 * @returns undefined when the transaction was written, else the cancellation codes per item
 * @throws UnavailableError when the store is unreachable or the conflicts do not clear
 */
export async function transactWrite(
  store: Store,
  items: TransactItem[],
): Promise<CancellationCodes | undefined> {
  for (let attempt = 1; ; attempt++) {
    try {
      await store.send(new TransactWriteCommand({ TransactItems: items }))
      return undefined
    } catch (err) {
      const codes = cancellationCodes(err)
      if (!codes) throw err
      const conflictOnly = codes.every((c) => c === 'None' || c === 'TransactionConflict')
      if (!conflictOnly) return codes
      if (attempt === MAX_ATTEMPTS) throw new UnavailableError({ cause: err })
      await pause(Math.random() * 25 * 2 ** attempt)
    }
  }
}
