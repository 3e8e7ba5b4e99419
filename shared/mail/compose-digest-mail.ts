import type { CommentRecord } from '../comments/comment-record.js'
import { type ModerationLinks, moderationBlocks } from './compose-moderator-mail.js'
import type { MailMessage } from './mail-message.js'
import { fill, mailWords } from './mail-words.js'
import { type MailEnvelope, renderSiteMail } from './site-mail.js'

/** `to` is one of `site.notifications.moderatorEmails`. */
export interface DigestMailInput extends MailEnvelope {
  period: 'hourly' | 'daily'
  /** The period's comments, oldest first, each with its own moderation links (at least one). */
  comments: { comment: CommentRecord; links: ModerationLinks }[]
  /** One `unsubscribe` of kind `moderation`. */
  links: { unsubscribe: string }
}

/**
 * A moderator's one mail per period (`digest: "hourly" | "daily"`) instead of one per comment.
 * @throws TypeError for a link that is not absolute http(s), or an address unfit for a header
 */
export function composeDigestMail(input: DigestMailInput): MailMessage {
  const { site, comments } = input
  const words = mailWords(site.language)
  const count = comments.length
  return renderSiteMail(input, words, {
    subject: fill(count === 1 ? words.digestSubjectOne : words.digestSubjectMany, {
      site: site.name,
      count: String(count),
    }),
    blocks: [
      {
        kind: 'text',
        text: fill(input.period === 'hourly' ? words.digestIntroHourly : words.digestIntroDaily, {
          site: site.name,
        }),
      },
      ...comments.flatMap(({ comment, links }) => moderationBlocks(words, comment, links)),
    ],
    footer: fill(words.footerModeration, { site: site.name }),
    unsubscribe: input.links.unsubscribe,
  })
}
