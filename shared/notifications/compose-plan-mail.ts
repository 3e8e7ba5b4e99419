import type { CommentRecord } from '../comments/comment-record.js'
import type { Keys } from '../crypto/keys.js'
import { composeConfirmationMail } from '../mail/compose-confirmation-mail.js'
import { composeDigestMail } from '../mail/compose-digest-mail.js'
import { composeModeratorMail, type ModerationLinks } from '../mail/compose-moderator-mail.js'
import { composeReplyMail } from '../mail/compose-reply-mail.js'
import type { MailMessage } from '../mail/mail-message.js'
import { type MailToken, mailLink, signMailToken } from '../mail/mail-token.js'
import type { MailPlan } from './delivery-plan.js'

/** Local mode's From when neither the site nor the deployment names one. */
export const LOCAL_MAIL_FROM = 'Parley <parley@localhost>'

export interface PlanMailOptions {
  keys: Keys
  /** The API's absolute origin: every link in a mail is on it. */
  apiOrigin: string
  /** The deployment's From (`MAIL_FROM`); a site's `notifications.from` comes first. */
  defaultFrom?: string | undefined
}

/**
 * The mail a plan stands for, composed in the site's language with its links signed now: one
 * moderation link per action (as by the recipient's address), the unsubscribe link of the mail's
 * kind for the recipient, the confirmation link, the reply's page.
 * @throws TypeError from the composers (a link or address unfit for a mail)
 */
export async function composePlanMail(
  plan: MailPlan,
  options: PlanMailOptions,
  now: number,
): Promise<MailMessage> {
  const { site, to } = plan
  const link = async (token: MailToken) =>
    mailLink(options.apiOrigin, token.purpose, await signMailToken(options.keys, token, now))
  const moderation = async (comment: CommentRecord): Promise<ModerationLinks> => {
    const act = (action: 'approve' | 'reject' | 'spam') =>
      link({ purpose: 'moderate', siteId: site.id, commentId: comment.id, action, emailHash: plan.toHash })
    const [approve, reject, spam] = await Promise.all([act('approve'), act('reject'), act('spam')])
    return { approve, reject, spam }
  }
  const unsubscribe = (kind: 'replies' | 'moderation') =>
    link({ purpose: 'unsubscribe', siteId: site.id, person: plan.person, kind })
  const from = site.notifications.from ?? options.defaultFrom ?? LOCAL_MAIL_FROM
  switch (plan.kind) {
    case 'moderator-mail':
      return composeModeratorMail({
        site,
        to,
        from,
        comment: plan.comment,
        links: { ...(await moderation(plan.comment)), unsubscribe: await unsubscribe('moderation') },
      })
    case 'digest-mail':
      return composeDigestMail({
        site,
        to,
        from,
        period: plan.period,
        comments: await Promise.all(
          plan.comments.map(async (comment) => ({ comment, links: await moderation(comment) })),
        ),
        links: { unsubscribe: await unsubscribe('moderation') },
      })
    case 'confirmation-mail':
      return composeConfirmationMail({
        site,
        to,
        from,
        comment: plan.comment,
        links: {
          confirm: await link({ purpose: 'confirm', siteId: site.id, emailHash: plan.person.emailHash }),
          unsubscribe: await unsubscribe('replies'),
        },
      })
    case 'reply-mail':
      return composeReplyMail({
        site,
        to,
        from,
        parent: plan.parent,
        reply: plan.reply,
        links: { comment: plan.reply.pageUrl, unsubscribe: await unsubscribe('replies') },
      })
  }
}
