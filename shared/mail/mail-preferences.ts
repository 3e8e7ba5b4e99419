import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import * as z from 'zod/mini'
import { mailPreferencesKey } from '../db/item-keys.js'
import { conditionHeld, type Store } from '../db/store.js'
import type { MailPerson } from './mail-token.js'

/** At most one confirmation mail per address and site in this long (contract section 8). */
export const CONFIRMATION_MAIL_INTERVAL_MS = 24 * 3600 * 1000

export type MailKind = 'replies' | 'moderation'

/** What a person asked for by e-mail on a site. Times are epoch milliseconds. */
export interface MailPreferences {
  /** When the address was confirmed (the confirmation link followed), or null. */
  confirmedAt: number | null
  /** When the last confirmation mail was claimed, or null. */
  confirmationMailAt: number | null
  /** When each kind of mail was stopped (an unsubscribe link), or null while it is wanted. */
  stopped: Record<MailKind, number | null>
}

const STOPPED_ATTRIBUTE = { replies: 'repliesStoppedAt', moderation: 'moderationStoppedAt' } as const

const time = z._default(z.nullable(z.number()), null)
const PreferencesItem = z.object({
  confirmedAt: time,
  confirmationMailAt: time,
  repliesStoppedAt: time,
  moderationStoppedAt: time,
})

const NONE: MailPreferences = {
  confirmedAt: null,
  confirmationMailAt: null,
  stopped: { replies: null, moderation: null },
}

/**
 * A person's mail preferences on a site, one item in their partition. Every change is one
 * conditional or atomic update, so two clicks (or a click and a notifier) never undo each other.
 * Every method throws UnavailableError when the store is unreachable or throttled after retries.
 */
export function createMailPreferences(store: Store) {
  const { tableName: TableName, send } = store
  return {
    /** The person's preferences; a person never seen has none (nothing confirmed, nothing stopped). */
    async get(siteId: string, person: MailPerson): Promise<MailPreferences> {
      const { Item } = await send(
        new GetCommand({ TableName, Key: mailPreferencesKey(siteId, person), ConsistentRead: true }),
      )
      if (!Item) return { ...NONE, stopped: { ...NONE.stopped } }
      const item = PreferencesItem.parse(Item)
      return {
        confirmedAt: item.confirmedAt,
        confirmationMailAt: item.confirmationMailAt,
        stopped: { replies: item.repliesStoppedAt, moderation: item.moderationStoppedAt },
      }
    },

    /**
     * Claims the right to send the person a confirmation mail now: `true` at most once per
     * {@link CONFIRMATION_MAIL_INTERVAL_MS}, and never for an address already confirmed or one that
     * stopped reply mail (so a stranger's posts cannot mail-bomb it). One conditional write: of
     * concurrent claims exactly one wins.
     */
    claimConfirmationMail(siteId: string, person: MailPerson, now: number): Promise<boolean> {
      return conditionHeld(
        send(
          new UpdateCommand({
            TableName,
            Key: mailPreferencesKey(siteId, person),
            UpdateExpression: 'SET confirmationMailAt = :now',
            ConditionExpression:
              '(attribute_not_exists(confirmationMailAt) OR confirmationMailAt <= :since) AND ' +
              'attribute_not_exists(confirmedAt) AND attribute_not_exists(repliesStoppedAt)',
            ExpressionAttributeValues: { ':now': now, ':since': now - CONFIRMATION_MAIL_INTERVAL_MS },
          }),
        ),
      )
    },

    /** Records the confirmation (the first one's time is kept); it also asks for reply mail again. */
    async confirm(siteId: string, person: MailPerson, now: number): Promise<void> {
      await send(
        new UpdateCommand({
          TableName,
          Key: mailPreferencesKey(siteId, person),
          UpdateExpression: 'SET confirmedAt = if_not_exists(confirmedAt, :now) REMOVE repliesStoppedAt',
          ExpressionAttributeValues: { ':now': now },
        }),
      )
    },

    /** Stops one kind of mail to the person on this site (the first stop's time is kept). */
    async stop(siteId: string, person: MailPerson, kind: MailKind, now: number): Promise<void> {
      await send(
        new UpdateCommand({
          TableName,
          Key: mailPreferencesKey(siteId, person),
          UpdateExpression: 'SET #stopped = if_not_exists(#stopped, :now)',
          ExpressionAttributeNames: { '#stopped': STOPPED_ATTRIBUTE[kind] },
          ExpressionAttributeValues: { ':now': now },
        }),
      )
    },
  }
}

export type MailPreferencesRepository = ReturnType<typeof createMailPreferences>
