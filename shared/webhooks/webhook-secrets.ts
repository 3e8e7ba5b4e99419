import { randomBytes } from 'node:crypto'
import { GetCommand } from '@aws-sdk/lib-dynamodb'
import * as z from 'zod/mini'
import type { Keys } from '../crypto/keys.js'
import { openSecret, sealSecret } from '../crypto/stored-secrets.js'
import { webhookSecretKey } from '../db/item-keys.js'
import type { Store } from '../db/store.js'
import type { TransactItem } from '../db/transact.js'

/** A Standard Webhooks signing secret: `whsec_` and the base64 of 32 random bytes. */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString('base64')}`

// What the sealed value is bound to: a secret copied onto another webhook's item does not open.
const contextOf = (siteId: string, webhookId: string) => `webhook-secret:${siteId}:${webhookId}`

const SecretItemSchema = z.object({ sealed: z.string() })

/**
 * The write that stores a new webhook's secret, sealed: only when the webhook has none, so two
 * saves racing to create the same webhook cannot both answer a secret.
 */
export function putSecretItem(keys: Keys, siteId: string, webhookId: string, secret: string, now: number) {
  return (tableName: string): TransactItem => ({
    Put: {
      TableName: tableName,
      Item: {
        ...webhookSecretKey(siteId, webhookId),
        sealed: sealSecret(keys, secret, contextOf(siteId, webhookId)),
        createdAt: now,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  })
}

/** The write that forgets a removed webhook's secret (one added again later gets a new one). */
export const deleteSecretItem =
  (siteId: string, webhookId: string) =>
  (tableName: string): TransactItem => ({
    Delete: { TableName: tableName, Key: webhookSecretKey(siteId, webhookId) },
  })

/**
 * A webhook's signing secret, opened; undefined when it has none (it was created before secrets).
 * @throws TypeError when the stored value opens under neither stored-secrets key
 * @throws UnavailableError
 */
export async function readWebhookSecret(
  store: Store,
  keys: Keys,
  siteId: string,
  webhookId: string,
): Promise<string | undefined> {
  const { Item } = await store.send(
    new GetCommand({
      TableName: store.tableName,
      Key: webhookSecretKey(siteId, webhookId),
      ConsistentRead: true,
    }),
  )
  if (!Item) return undefined
  const { sealed } = SecretItemSchema.parse(Item)
  return openSecret(keys, sealed, contextOf(siteId, webhookId))
}
