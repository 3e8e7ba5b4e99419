import type { CommentRecord } from '../comments/comment-record.js'
import { keyedHash } from '../crypto/ip-hash.js'
import { CommentNotFoundError, ForbiddenError, ParentNotPublishedError } from '../errors.js'
import { moderate } from '../moderation/moderate.js'
import type { ModerationDeps } from '../moderation/moderation-deps.js'
import type { SiteDirectory } from '../sites/site-directory.js'
import type { SiteConfig } from '../sites/site-schema.js'
import { createMailPreferences } from './mail-preferences.js'
import { type MailPurpose, type MailTokenOf, verifyMailToken } from './mail-token.js'
import { createSubscriptions } from './subscriptions.js'

export type MailLinkDeps = ModerationDeps & { sites: SiteDirectory }

/** A mail link opened: what its page shows before anything is done. */
export type MailLinkView =
  | { purpose: 'confirm'; site: SiteConfig; token: MailTokenOf<'confirm'> }
  | { purpose: 'unsubscribe'; site: SiteConfig; token: MailTokenOf<'unsubscribe'> }
  | {
      purpose: 'moderate'
      site: SiteConfig
      token: MailTokenOf<'moderate'>
      comment: CommentRecord
      /** The moderator's address, found among the site's moderator addresses by the token's hash. */
      moderator: string
    }

/** A mail link followed: what was done. */
export type MailLinkDone =
  | { purpose: 'confirm' | 'unsubscribe'; view: MailLinkView }
  | { purpose: 'moderate'; view: MailLinkView; status: string }

/**
 * Reads a mail link without acting on it (a mail scanner's GET must change nothing).
 * @throws InvalidTokenError for a token that is not a live one of this purpose
 * @throws SiteNotFoundError when the site is gone
 * @throws ForbiddenError (moderate) when the address is no longer one of the site's moderators'
 * @throws CommentNotFoundError (moderate) when the comment is gone
 */
export async function openMailLink(
  deps: MailLinkDeps,
  purpose: MailPurpose,
  value: string,
): Promise<MailLinkView> {
  const now = deps.clock()
  if (purpose === 'confirm') {
    const token = await verifyMailToken(deps.keys, purpose, value, now)
    return { purpose, token, site: await deps.sites.get(token.siteId) }
  }
  if (purpose === 'unsubscribe') {
    const token = await verifyMailToken(deps.keys, purpose, value, now)
    return { purpose, token, site: await deps.sites.get(token.siteId) }
  }
  const token = await verifyMailToken(deps.keys, purpose, value, now)
  const site = await deps.sites.get(token.siteId)
  const moderator = site.notifications.moderatorEmails.find(
    (address) => keyedHash(deps.keys, 'email', address) === token.emailHash,
  )
  if (moderator === undefined) throw new ForbiddenError('this address no longer moderates the site')
  const comment = await deps.comments.get(site.id, token.commentId)
  if (!comment) throw new CommentNotFoundError(token.commentId)
  return { purpose, token, site, moderator, comment }
}

/**
 * Does what a mail link says: confirms the address, stops a kind of mail (reply mail: its
 * subscriptions end too), or applies the
 * moderator's action (audited as by `moderator:email:<address>`). Each is idempotent: a second
 * click, or two at once, leaves the same state.
 * @throws everything {@link openMailLink} throws
 * @throws ParentNotPublishedError when approving a reply whose parent is not published
 */
export async function followMailLink(
  deps: MailLinkDeps,
  purpose: MailPurpose,
  value: string,
): Promise<MailLinkDone> {
  const view = await openMailLink(deps, purpose, value)
  const preferences = createMailPreferences(deps.store)
  switch (view.purpose) {
    case 'confirm':
      await preferences.confirm(view.site.id, { emailHash: view.token.emailHash }, deps.clock())
      return { purpose: view.purpose, view }
    case 'unsubscribe': {
      const { person, kind } = view.token
      // The stop is what the notifier honours; the subscriptions go too, so the reader's list says so.
      await preferences.stop(view.site.id, person, kind, deps.clock())
      if (kind === 'replies') await createSubscriptions(deps.store).stopAll(view.site.id, person)
      return { purpose: view.purpose, view }
    }
    case 'moderate': {
      const { action, commentId } = view.token
      const actor = `moderator:email:${view.moderator}`
      const { results } = await moderate(deps, view.site, { action, ids: [commentId] }, actor)
      const result = results[0]
      if (!result || 'error' in result) {
        if (result?.error === 'parent-not-published') throw new ParentNotPublishedError(commentId)
        throw new CommentNotFoundError(commentId)
      }
      return { purpose: view.purpose, view, status: result.status }
    }
  }
}
