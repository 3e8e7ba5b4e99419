import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { suppressionKey } from '../db/item-keys.js'
import type { Store } from '../db/store.js'

/** Why an address is no longer mailed: it bounced for good, or its owner marked a mail as spam. */
export type SuppressionReason = 'bounce' | 'complaint'

/**
 * The deployment's list of addresses no site mails again (SES bounce and complaint events land
 * here), by keyed e-mail hash: the table never holds the address itself for this.
 * Both methods throw UnavailableError when the store is unreachable or throttled after retries.
 */
export function createSuppressionList(store: Store) {
  const { tableName: TableName, send } = store
  return {
    /** Whether mail to the address (by its keyed hash) must not be sent. */
    async isSuppressed(emailHash: string): Promise<boolean> {
      const { Item } = await send(
        new GetCommand({ TableName, Key: suppressionKey(emailHash), ProjectionExpression: 'pk' }),
      )
      return Item !== undefined
    },

    /** Suppresses the address; the first time and the latest reason are kept. Idempotent. */
    async suppress(emailHash: string, reason: SuppressionReason, now: number): Promise<void> {
      await send(
        new UpdateCommand({
          TableName,
          Key: suppressionKey(emailHash),
          UpdateExpression:
            'SET suppressedAt = if_not_exists(suppressedAt, :now), #reason = :reason, lastAt = :now',
          ExpressionAttributeNames: { '#reason': 'reason' },
          ExpressionAttributeValues: { ':now': now, ':reason': reason },
        }),
      )
    },
  }
}

export type SuppressionList = ReturnType<typeof createSuppressionList>
