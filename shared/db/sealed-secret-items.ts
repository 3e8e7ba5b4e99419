import { GetCommand } from '@aws-sdk/lib-dynamodb'
import * as z from 'zod/mini'
import type { Keys } from '../crypto/keys.js'
import { openSecret, sealSecret } from '../crypto/stored-secrets.js'
import type { Store } from './store.js'
import type { TransactItem } from './transact.js'

/**
 * Secrets the table keeps in items of their own, sealed (AES-GCM under `keys.storedSecrets`) and
 * bound to `context`, so a sealed value copied onto another item does not open there. A site's
 * config never holds one: what reads it, answers it or exports it cannot leak it.
 */
type Key = { pk: string; sk: string }

const SealedItemSchema = z.object({ sealed: z.string() })

/**
 * The write that stores a secret, sealed, with the config that names it.
 * @param onlyIfAbsent refuse (cancel the save) when the item exists: two saves racing to create
 *   the same secret cannot both answer one
 */
export const putSealedSecret =
  (keys: Keys, key: Key, context: string, secret: string, now: number, onlyIfAbsent: boolean) =>
  (tableName: string): TransactItem => ({
    Put: {
      TableName: tableName,
      Item: { ...key, sealed: sealSecret(keys, secret, context), createdAt: now },
      ...(onlyIfAbsent && { ConditionExpression: 'attribute_not_exists(pk)' }),
    },
  })

/** The write that forgets a secret. */
export const deleteSealedSecret =
  (key: Key) =>
  (tableName: string): TransactItem => ({ Delete: { TableName: tableName, Key: key } })

/**
 * A secret, opened; undefined when there is no item.
 * @throws TypeError when the stored value opens under neither stored-secrets key for this context
 * @throws UnavailableError
 */
export async function readSealedSecret(
  store: Store,
  keys: Keys,
  key: Key,
  context: string,
): Promise<string | undefined> {
  const { Item } = await store.send(
    new GetCommand({ TableName: store.tableName, Key: key, ConsistentRead: true }),
  )
  if (!Item) return undefined
  return openSecret(keys, SealedItemSchema.parse(Item).sealed, context)
}
