import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import { createUsersRepository } from '../../shared/auth/users-repository.js'
import { type Clock, systemClock } from '../../shared/clock.js'
import { createCommentsRepository } from '../../shared/comments/comments-repository.js'
import type { Config } from '../../shared/config.js'
import { keyedHash } from '../../shared/crypto/ip-hash.js'
import { deriveKeys } from '../../shared/crypto/keys.js'
import { createStore } from '../../shared/db/store.js'
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

export interface NotifierDepsOptions {
  client: DynamoDBDocumentClient
  clock?: Clock
  log?: Logger
  caps?: MailCaps
}

/** Wires the notifier's dependencies: the table, the keys, the sites and comments, and the given parts. */
export function createNotifierDeps(
  config: Config,
  parts: NotifierParts,
  options: NotifierDepsOptions,
): NotifierDeps {
  const store = createStore(options.client, config.tableName)
  const keys = deriveKeys(config.secret, config.adminKey, config.previousSecret)
  const sites = createSitesRepository(store)
  const comments = createCommentsRepository(store)
  const users = createUsersRepository(store)
  return {
    store,
    clock: options.clock ?? systemClock,
    log: options.log ?? jsonLogger,
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
    ...(options.caps && { caps: options.caps }),
  }
}
