import { randomBytes } from 'node:crypto'
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb'
import * as z from 'zod/mini'
import { WEBHOOK_ATTEMPT_PREFIX, webhookPk } from '../db/item-keys.js'
import type { Store } from '../db/store.js'

/** How many of a webhook's attempts the log shows; older ones expire with {@link KEPT_SECONDS}. */
export const SHOWN_ATTEMPTS = 20
const KEPT_SECONDS = 7 * 24 * 3600

/** One attempt to deliver to a webhook, as moderators see it: no payload, no secret, no receiver's words. */
export const DeliveryAttemptSchema = z.object({
  messageId: z.string(),
  eventType: z.string(),
  /** 1 for the first attempt of a message; a test event is always 1. */
  attempt: z.int(),
  at: z.iso.datetime(),
  ok: z.boolean(),
  /** The receiver's HTTP status, when it answered one. */
  status: z.nullable(z.int()),
  durationMs: z.int().check(z.minimum(0)),
  /** Why it failed: url, dns, address, secret, timeout, network, redirect or status. */
  error: z.nullable(z.string()),
})
export type DeliveryAttempt = z.infer<typeof DeliveryAttemptSchema>

export const DeliveriesResponseSchema = z.object({ deliveries: z.array(DeliveryAttemptSchema) })
export const TestDeliveryResponseSchema = z.object({ delivery: DeliveryAttemptSchema })

/**
 * Records an attempt under its webhook, sorted by time, expiring after a week.
 * @throws UnavailableError
 */
export async function recordAttempt(
  store: Store,
  siteId: string,
  webhookId: string,
  attempt: DeliveryAttempt,
) {
  await store.send(
    new PutCommand({
      TableName: store.tableName,
      Item: {
        pk: webhookPk(siteId, webhookId),
        sk: `${WEBHOOK_ATTEMPT_PREFIX}${attempt.at}#${randomBytes(4).toString('hex')}`,
        ...attempt,
        expiresAt: Math.ceil(Date.parse(attempt.at) / 1000) + KEPT_SECONDS,
      },
    }),
  )
}

/**
 * A webhook's last {@link SHOWN_ATTEMPTS} attempts, newest first: one Query.
 * @throws UnavailableError
 */
export async function listAttempts(
  store: Store,
  siteId: string,
  webhookId: string,
): Promise<DeliveryAttempt[]> {
  const { Items = [] } = await store.send(
    new QueryCommand({
      TableName: store.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': webhookPk(siteId, webhookId), ':prefix': WEBHOOK_ATTEMPT_PREFIX },
      ScanIndexForward: false,
      Limit: SHOWN_ATTEMPTS,
    }),
  )
  return Items.map((item) => DeliveryAttemptSchema.parse(item))
}
