import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import type { Context } from 'hono'
import type { SignInMail } from '../../shared/auth/email-code/email-sign-in.js'
import type { MastodonNetwork } from '../../shared/auth/mastodon/mastodon-network.js'
import { PROVIDER_ENDPOINTS, type ProviderEndpoints } from '../../shared/auth/provider-endpoints.js'
import { createSessions } from '../../shared/auth/sessions.js'
import { type Clock, systemClock } from '../../shared/clock.js'
import { createCommentsRepository } from '../../shared/comments/comments-repository.js'
import type { Config } from '../../shared/config.js'
import { deriveKeys } from '../../shared/crypto/keys.js'
import { createDocumentClient } from '../../shared/db/document-client.js'
import { createStore } from '../../shared/db/store.js'
import { jsonLogger, type Logger } from '../../shared/log.js'
import type { SiteSaving } from '../../shared/sites/site-directory.js'
import { createSiteDirectory } from '../../shared/sites/site-directory.js'
import { createSitesRepository } from '../../shared/sites/sites-repository.js'
import { systemNetwork } from '../../shared/webhooks/system-network.js'
import type { WebhookNetwork } from '../../shared/webhooks/webhook-target.js'
import type { AppDeps } from './app-env.js'
import { loadOnce } from './load-once.js'
import { loadedOnFirstCall } from './loaded-on-first-call.js'

export interface DepsOptions {
  clientIp: (c: Context) => string
  clock?: Clock
  log?: Logger
  client?: DynamoDBDocumentClient
  /** Overrides the store's per-call deadline (see `STORE_DEADLINE_MS`). */
  storeDeadlineMs?: number
  /** Where social providers publish their keys (tests serve their own on loopback). */
  providerEndpoints?: ProviderEndpoints
  /** The `iss` of the sessions this deployment signs. */
  issuer?: string
  /** Where Akismet is asked (tests run their own on loopback). */
  akismetEndpoint?: (key: string) => string
  /** How webhook hosts are resolved (tests answer their own names). */
  webhookNetwork?: WebhookNetwork
  /** How sign-in codes are mailed, locally and in tests; in AWS, SES from `MAIL_FROM` when set. */
  signInMail?: SignInMail
  /** How Mastodon servers are resolved (tests serve their own on loopback). */
  mastodonNetwork?: MastodonNetwork
}

/**
 * Saving a site's client secrets (sealed, write-only) and webhooks (DNS checks, sealed secrets),
 * loaded with the first save: never on a cold start. All their writes go with the config.
 */
const siteSaving = (
  deps: Parameters<typeof import('../../shared/webhooks/webhook-save.js').createWebhookSaving>[0],
): SiteSaving => ({
  prepare: async (input, previous) => {
    const { createClientSecretSaving, createWebhookSaving } = await import('./write-deps.js')
    const secrets = createClientSecretSaving(deps).prepare(input, previous)
    const saved = await createWebhookSaving(deps).prepare(secrets.site, previous)
    return { ...saved, writes: [...secrets.writes, ...saved.writes] }
  },
})

/**
 * Wires the app's dependencies from configuration: one client, one store, the repositories. What
 * only writes, moderators and sign-ins use (bans, Akismet, users: `write-deps.ts`) is imported on
 * its first call, so that a reader's cold start loads only what a read needs.
 */
export function createDeps(config: Config, options: DepsOptions): AppDeps {
  const clock = options.clock ?? systemClock
  const client =
    options.client ?? createDocumentClient({ region: config.region, endpoint: config.dynamoDbEndpoint })
  const store = createStore(client, config.tableName, options.storeDeadlineMs)
  const keys = deriveKeys(config.secret, config.adminKey, config.previousSecret)
  const webhookNetwork = options.webhookNetwork ?? systemNetwork
  const writeDeps = loadOnce(async () =>
    (await import('./write-deps.js')).createWriteDeps(store, keys, options.akismetEndpoint),
  )
  const { mailFrom, sesConfigurationSet } = config
  const sesMail = loadOnce(async () =>
    (await import('./write-deps.js')).createSignInSesMailer(config.region, sesConfigurationSet),
  )
  return {
    keys,
    clock,
    store,
    log: options.log ?? jsonLogger,
    clientIp: options.clientIp,
    webhookNetwork,
    sites: createSiteDirectory(
      createSitesRepository(store),
      clock,
      siteSaving({ keys, network: webhookNetwork, clock }),
    ),
    comments: createCommentsRepository(store),
    bans: loadedOnFirstCall(async () => (await writeDeps()).bans, { create: true, list: true, remove: true }),
    checkWithAkismet: async (key, comment) => (await writeDeps()).checkWithAkismet(key, comment),
    signInCodes: loadedOnFirstCall(async () => (await writeDeps()).signInCodes, {
      keep: true,
      discard: true,
      guess: true,
    }),
    suppressions: loadedOnFirstCall<AppDeps['suppressions']>(async () => (await writeDeps()).suppressions, {
      isSuppressed: true,
    }),
    signInMail:
      options.signInMail ??
      (mailFrom ? { from: mailFrom, mailer: { send: async (m) => (await sesMail()).send(m) } } : undefined),
    mastodon: {
      // The system resolver: no server on loopback, unlike a webhook's.
      network: options.mastodonNetwork ?? { lookup: systemNetwork.lookup },
      apps: loadedOnFirstCall(async () => (await writeDeps()).mastodonApps, { get: true, add: true }),
    },
    auth: {
      sessions: createSessions(keys, options.issuer ?? 'urn:parley:api'),
      users: loadedOnFirstCall(async () => (await writeDeps()).users, { get: true, save: true }),
      endpoints: options.providerEndpoints ?? PROVIDER_ENDPOINTS,
      clock,
    },
  }
}
