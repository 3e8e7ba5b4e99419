import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import { createUsersRepository } from '../../shared/auth/users-repository.js'
import { type Clock, systemClock } from '../../shared/clock.js'
import { createCommentsRepository } from '../../shared/comments/comments-repository.js'
import type { Config } from '../../shared/config.js'
import { keyedHash } from '../../shared/crypto/ip-hash.js'
import { deriveKeys, type Keys } from '../../shared/crypto/keys.js'
import { createStore, type Store } from '../../shared/db/store.js'
import { jsonLogger, type Logger } from '../../shared/log.js'
import type { MailCaps } from '../../shared/notifications/mail-caps.js'
import type { NotifierDeps } from '../../shared/notifications/notifier-deps.js'
import type { PlanningFacts } from '../../shared/notifications/planning-facts.js'
import { createSitesRepository } from '../../shared/sites/sites-repository.js'

/**
 * The parts of the notifier the mail and webhook modules provide: their repositories' reads (and
 * the confirmation claim), the subscription write, and the delivery of a plan.
 */
export type NotifierParts = Pick<NotifierDeps, 'subscribe' | 'deliver'> & {
  facts: Pick<PlanningFacts, 'standing' | 'isSubscribed' | 'isSuppressed' | 'claimConfirmationMail'>
}

/** What the notifier and its parts are built on: the one store, the keys, the repositories, the clock and the log. */
export interface NotifierBase {
  store: Store
  keys: Keys
  sites: ReturnType<typeof createSitesRepository>
  comments: ReturnType<typeof createCommentsRepository>
  users: ReturnType<typeof createUsersRepository>
  clock: Clock
  log: Logger
  caps: MailCaps | undefined
}

export interface NotifierDepsOptions {
  client: DynamoDBDocumentClient
  clock?: Clock
  log?: Logger
  caps?: MailCaps
}

/** The store on the given client, the keys from the configured secret, the repositories. */
export function createNotifierBase(config: Config, options: NotifierDepsOptions): NotifierBase {
  const store = createStore(options.client, config.tableName)
  return {
    store,
    keys: deriveKeys(config.secret, config.adminKey, config.previousSecret),
    sites: createSitesRepository(store),
    comments: createCommentsRepository(store),
    users: createUsersRepository(store),
    clock: options.clock ?? systemClock,
    log: options.log ?? jsonLogger,
    caps: options.caps,
  }
}

/** Wires the notifier's dependencies: the base's store, sites and comments, and the given parts. */
export function createNotifierDeps(base: NotifierBase, parts: NotifierParts): NotifierDeps {
  const { store, keys, sites, comments, users, clock, log, caps } = base
  return {
    store,
    clock,
    log,
    site: (id) => sites.get(id),
    sites: () => sites.list(),
    facts: {
      ...parts.facts,
      hashEmail: (address) => keyedHash(keys, 'email', address),
      comment: (siteId, id) => comments.get(siteId, id),
      userEmail: async (siteId, userId) => (await users.get(siteId, userId))?.email ?? undefined,
    },
    subscribe: parts.subscribe,
    deliver: parts.deliver,
    ...(caps && { caps }),
  }
}
