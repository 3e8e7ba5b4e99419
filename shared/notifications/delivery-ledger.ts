import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { deliveryKey } from '../db/item-keys.js'
import { conditionHeld, type Store } from '../db/store.js'

/** How long a claim keeps others from sending the same delivery while its sender is at work. */
export const DELIVERY_LEASE_MS = 60_000
/** How long the ledger remembers a delivery: longer than the stream keeps a record (24 h) and webhook retries last. */
const KEPT_SECONDS = 3 * 24 * 3600

/**
 * The ledger of deliveries, one item per (event, recipient): what makes a notifier that crashed
 * mid-batch, or a stream that delivers a batch again, send nothing twice that was sent.
 *
 * A sender claims a delivery before sending and completes it after. A claim holds for
 * {@link DELIVERY_LEASE_MS}: a sender that died before completing is replaced once it lapses (the one
 * case a delivery can go out twice is a crash between sending and completing). `release` gives a
 * claim back after a failed attempt, so the next attempt (a webhook's retry) may claim it at once.
 */
export function createDeliveryLedger(store: Store) {
  const { tableName: TableName, send } = store
  return {
    /** `true` when the caller now holds the delivery; `false` when it was sent or another sender holds it. */
    claim(siteId: string, deliveryId: string, now: number): Promise<boolean> {
      return conditionHeld(
        send(
          new UpdateCommand({
            TableName,
            Key: deliveryKey(siteId, deliveryId),
            UpdateExpression:
              'SET #state = :sending, leaseUntil = :lease, expiresAt = :exp ADD attempts :one',
            ConditionExpression:
              'attribute_not_exists(pk) OR (#state <> :sent AND (#state <> :sending OR leaseUntil < :now))',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: {
              ':sending': 'sending',
              ':sent': 'sent',
              ':now': now,
              ':lease': now + DELIVERY_LEASE_MS,
              ':exp': Math.ceil(now / 1000) + KEPT_SECONDS,
              ':one': 1,
            },
          }),
        ),
      )
    },

    /** Records that the delivery went out: no later claim succeeds. */
    async complete(siteId: string, deliveryId: string, now: number): Promise<void> {
      await send(
        new UpdateCommand({
          TableName,
          Key: deliveryKey(siteId, deliveryId),
          UpdateExpression: 'SET #state = :sent, sentAt = :now REMOVE leaseUntil',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':sent': 'sent', ':now': now },
        }),
      )
    },

    /**
     * Where a delivery stands: `sending` while a sender holds it (or one that died, until its lease
     * lapses), `sent`, `failed` after an attempt gave it back; undefined if never claimed.
     */
    async state(siteId: string, deliveryId: string): Promise<'sending' | 'sent' | 'failed' | undefined> {
      const { Item } = await send(
        new GetCommand({ TableName, Key: deliveryKey(siteId, deliveryId), ConsistentRead: true }),
      )
      const state = Item?.state
      return state === 'sending' || state === 'sent' || state === 'failed' ? state : undefined
    },

    /** Gives a claim back after a failed attempt. */
    async release(siteId: string, deliveryId: string): Promise<void> {
      // Not held (any more) by a sending claim: nothing to give back.
      await conditionHeld(
        send(
          new UpdateCommand({
            TableName,
            Key: deliveryKey(siteId, deliveryId),
            UpdateExpression: 'SET #state = :failed REMOVE leaseUntil',
            ConditionExpression: '#state = :sending',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: { ':failed': 'failed', ':sending': 'sending' },
          }),
        ),
      )
    },
  }
}

export type DeliveryLedger = ReturnType<typeof createDeliveryLedger>
