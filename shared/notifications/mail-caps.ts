import { rateLimitUpdate } from '../db/rate-limit.js'
import type { Store } from '../db/store.js'
import { transactWrite } from '../db/transact.js'
import type { MailPlan } from './delivery-plan.js'

const HOUR_MS = 3_600_000

/** How many mails an hour one address, and one site in all, may be sent. */
export interface MailCaps {
  perAddressPerHour: number
  perSitePerHour: number
}

/**
 * Enough for a busy moderator or a lively thread; few enough that a site used to bomb an address,
 * or a flood of comments, stops within the hour.
 */
export const DEFAULT_MAIL_CAPS: MailCaps = { perAddressPerHour: 20, perSitePerHour: 300 }

/**
 * Counts one mail against the hourly windows of its address and of its site, both or neither (one
 * transaction: a mail refused by the site's cap does not use up the address's).
 * @returns false when either window is full: the mail is not to be sent
 * @throws UnavailableError
 */
export async function takeMailSlot(store: Store, plan: MailPlan, caps: MailCaps, now: number) {
  const { tableName } = store
  const siteId = plan.site.id
  const cancelled = await transactWrite(store, [
    rateLimitUpdate(
      tableName,
      siteId,
      { key: `mail#${plan.toHash}`, limit: caps.perAddressPerHour },
      now,
      HOUR_MS,
    ),
    rateLimitUpdate(tableName, siteId, { key: 'mail#site', limit: caps.perSitePerHour }, now, HOUR_MS),
  ])
  if (!cancelled) return true
  if (cancelled.codes.includes('ConditionalCheckFailed')) return false
  throw new Error(`mail cap update cancelled: ${cancelled.codes.join(', ')}`)
}
