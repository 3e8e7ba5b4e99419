import type { AttributeValue } from '@aws-sdk/client-dynamodb'
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb'
import { oneAtATime } from './one-at-a-time.js'
import { CONFLICT, retryOnConflict } from './retry-on-conflict.js'
import type { Store } from './store.js'

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number]

/** Why a transaction was cancelled, item by item, in the order the items were given. */
export interface Cancellation {
  /** `ConditionalCheckFailed`, `None`, … */
  codes: string[]
  /**
   * The item as it is, where its condition failed and it asked for
   * `ReturnValuesOnConditionCheckFailure: 'ALL_OLD'` (raw attribute values: errors are not unmarshalled).
   */
  items: (Record<string, AttributeValue> | undefined)[]
}

const cancellation = (err: unknown): Cancellation | undefined => {
  if (!(err instanceof Error) || err.name !== 'TransactionCanceledException') return undefined
  const reasons =
    (err as { CancellationReasons?: { Code?: string; Item?: Record<string, AttributeValue> }[] })
      .CancellationReasons ?? []
  return { codes: reasons.map((r) => r.Code ?? 'None'), items: reasons.map((r) => r.Item) }
}

/**
 * One TransactWriteItems. Transactions that touch a hot item (a page's counter) at the same
 * moment cancel each other with `TransactionConflict`; those are retried with jittered backoff, as
 * the winner of each conflict is written and leaves the race.
 * @param options.hot the key of the item that racing transactions share (a page's counts, a
 *   comment's likes): this process sends those one at a time ({@link oneAtATime})
 * @returns undefined when the transaction was written, else why it was cancelled
 * @throws UnavailableError when the store is unreachable or throttling (after the SDK's retries)
 */
export function transactWrite(
  store: Store,
  items: TransactItem[],
  options: { hot?: { pk: string; sk: string } } = {},
): Promise<Cancellation | undefined> {
  const { hot } = options
  const send = () => store.send(new TransactWriteCommand({ TransactItems: items }))
  return retryOnConflict(async () => {
    try {
      await (hot ? oneAtATime(`${hot.pk}\n${hot.sk}`, send) : send())
      return undefined
    } catch (err) {
      const cancelled = cancellation(err)
      if (!cancelled) throw err
      const conflictOnly = cancelled.codes.every((c) => c === 'None' || c === 'TransactionConflict')
      return conflictOnly ? CONFLICT : cancelled
    }
  })
}
