import type { Clock } from '../clock.js'
import type { Keys } from '../crypto/keys.js'
import type { TransactItem } from '../db/transact.js'
import { type FieldProblem, ValidationError } from '../errors.js'
import type { SiteConfig, Webhook } from '../sites/site-schema.js'
import { deleteSecretItem, newWebhookSecret, putSecretItem } from './webhook-secrets.js'
import { resolveWebhookTarget, type WebhookNetwork } from './webhook-target.js'

/** What saving a config writes beside it, and what it answers (the new webhooks' secrets, once). */
export interface PreparedSave {
  /** The config to store: no secret, the `failing` mark the service keeps. */
  site: SiteConfig
  writes: ((tableName: string) => TransactItem)[]
  /** The config as the save answers it: each webhook it created with its `secret`. */
  answer: SiteConfig
}

const withSecret = (webhooks: Webhook[], secrets: Map<string, string>) =>
  webhooks.map((w) => {
    const secret = secrets.get(w.id)
    return secret === undefined ? w : { ...w, secret }
  })

/**
 * Prepares a site config's save for its webhooks: the URL of each new or changed one resolved and
 * checked (400 `validation` for a host that is not public), a secret for each new one (sealed, to
 * be written with the config), the secrets of removed ones forgotten, and the service's own fields
 * (`secret`, `failing`) taken from what is stored rather than from the input.
 */
export function createWebhookSaving(deps: { keys: Keys; network: WebhookNetwork; clock: Clock }) {
  return {
    /** @throws ValidationError naming each webhook URL that may not be posted to */
    async prepare(input: SiteConfig, previous: SiteConfig | null): Promise<PreparedSave> {
      const before = new Map(previous?.notifications.webhooks.map((w) => [w.id, w]))
      const problems: FieldProblem[] = []
      const webhooks = await Promise.all(
        input.notifications.webhooks.map(async (given, i): Promise<Webhook> => {
          const { secret: _ignored, failing: _f, failingSince: _s, ...webhook } = given
          const old = before.get(webhook.id)
          if (old && old.url === webhook.url)
            return {
              ...webhook,
              ...(old.failing && { failing: true }),
              ...(old.failingSince && { failingSince: old.failingSince }),
            }
          await resolveWebhookTarget(webhook.url, deps.network).catch((err: Error) => {
            problems.push({ pointer: `#/notifications/webhooks/${i}/url`, detail: err.message })
          })
          return webhook
        }),
      )
      if (problems.length > 0) throw new ValidationError(problems)
      const ids = webhooks.map((w) => w.id)
      if (new Set(ids).size !== ids.length)
        throw new ValidationError([{ pointer: '#/notifications/webhooks', detail: 'ids must be unique' }])
      const site = { ...input, notifications: { ...input.notifications, webhooks } }
      const now = deps.clock()
      const secrets = new Map(
        webhooks.filter((w) => !before.has(w.id)).map((w) => [w.id, newWebhookSecret()]),
      )
      const writes = [
        ...[...secrets].map(([id, secret]) => putSecretItem(deps.keys, site.id, id, secret, now)),
        ...[...before.keys()].filter((id) => !ids.includes(id)).map((id) => deleteSecretItem(site.id, id)),
      ]
      const answer = {
        ...site,
        notifications: { ...site.notifications, webhooks: withSecret(webhooks, secrets) },
      }
      return { site, writes, answer }
    },
  }
}

export type WebhookSaving = ReturnType<typeof createWebhookSaving>
