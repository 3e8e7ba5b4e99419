import { UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { siteKey } from '../db/item-keys.js'
import { conditionHeld, type Store } from '../db/store.js'
import type { SiteConfig } from '../sites/site-schema.js'

/**
 * Sets or clears a webhook's `failing` mark in its site's stored config, in place: one update,
 * conditioned on the webhook still being at that position (a config saved meanwhile is left as it
 * is). `failingSince` keeps the first time it was marked.
 * @throws UnavailableError
 */
export async function markWebhookFailing(
  store: Store,
  site: SiteConfig,
  webhookId: string,
  failing: boolean,
  now: number,
): Promise<void> {
  const index = site.notifications.webhooks.findIndex((w) => w.id === webhookId)
  if (index < 0) return
  const path = `#config.#notifications.#webhooks[${index}]`
  // Refused when the webhook at that index is another one now (the config changed): nothing marked.
  await conditionHeld(
    store.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: siteKey(site.id),
        UpdateExpression: failing
          ? `SET ${path}.#failing = :true, ${path}.#since = if_not_exists(${path}.#since, :since)`
          : `REMOVE ${path}.#failing, ${path}.#since`,
        ConditionExpression: `${path}.#id = :id`,
        ExpressionAttributeNames: {
          '#config': 'config',
          '#notifications': 'notifications',
          '#webhooks': 'webhooks',
          '#failing': 'failing',
          '#since': 'failingSince',
          '#id': 'id',
        },
        ExpressionAttributeValues: {
          ':id': webhookId,
          ...(failing && { ':true': true, ':since': new Date(now).toISOString() }),
        },
      }),
    ),
  )
}
