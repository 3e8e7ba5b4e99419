import { randomBytes } from 'node:crypto'
import type { Keys } from '../crypto/keys.js'
import { webhookSecretKey } from '../db/item-keys.js'
import { deleteSealedSecret, putSealedSecret, readSealedSecret } from '../db/sealed-secret-items.js'
import type { Store } from '../db/store.js'

/** A Standard Webhooks signing secret: `whsec_` and the base64 of 32 random bytes. */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString('base64')}`

// What the sealed value is bound to: a secret copied onto another webhook's item does not open.
const contextOf = (siteId: string, webhookId: string) => `webhook-secret:${siteId}:${webhookId}`

/**
 * The write that stores a new webhook's secret, sealed: only when the webhook has none, so two
 * saves racing to create the same webhook cannot both answer a secret.
 */
export const putSecretItem = (keys: Keys, siteId: string, webhookId: string, secret: string, now: number) =>
  putSealedSecret(keys, webhookSecretKey(siteId, webhookId), contextOf(siteId, webhookId), secret, now, true)

/** The write that forgets a removed webhook's secret (one added again later gets a new one). */
export const deleteSecretItem = (siteId: string, webhookId: string) =>
  deleteSealedSecret(webhookSecretKey(siteId, webhookId))

/**
 * A webhook's signing secret, opened; undefined when it has none (it was created before secrets).
 * @throws TypeError when the stored value opens under neither stored-secrets key
 * @throws UnavailableError
 */
export const readWebhookSecret = (store: Store, keys: Keys, siteId: string, webhookId: string) =>
  readSealedSecret(store, keys, webhookSecretKey(siteId, webhookId), contextOf(siteId, webhookId))
