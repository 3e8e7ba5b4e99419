import type { CommentRecord } from '../comments/comment-record.js'
import type { MailBlock } from './mail-layout.js'
import type { MailMessage } from './mail-message.js'
import { fill, type MailWords, mailWords } from './mail-words.js'
import { commentBlock, type MailEnvelope, renderSiteMail } from './site-mail.js'

/** The three one-click moderation links of one comment, each `mailLink(apiOrigin, 'moderate', …)`. */
export interface ModerationLinks {
  approve: string
  reject: string
  spam: string
}

/** `to` is one of `site.notifications.moderatorEmails`. */
export interface ModeratorMailInput extends MailEnvelope {
  comment: CommentRecord
  /** Absolute links: one per action, and one `unsubscribe` of kind `moderation`. */
  links: ModerationLinks & { unsubscribe: string }
}

/** A comment as moderators see it in a mail: who, where, why it was held, what it says, the buttons. */
export function moderationBlocks(
  words: MailWords,
  comment: CommentRecord,
  links: ModerationLinks,
): MailBlock[] {
  const name = comment.author?.name ?? words.someone
  return [
    { kind: 'text', text: fill(words.moderatorIntro, { name, page: comment.pageUrl }) },
    ...(comment.reasons.length > 0
      ? [{ kind: 'text' as const, text: fill(words.heldBecause, { reasons: comment.reasons.join(', ') }) }]
      : []),
    commentBlock(words, comment, name),
    {
      kind: 'buttons',
      buttons: [
        { label: words.approve, href: links.approve },
        { label: words.reject, href: links.reject },
        { label: words.spam, href: links.spam },
      ],
    },
  ]
}

/**
 * Tells a moderator of one new comment (held for review, or any new one with `onNew: "all"`), with
 * one link per action.
 * @throws TypeError for a link that is not absolute http(s), or an address unfit for a header
 */
export function composeModeratorMail(input: ModeratorMailInput): MailMessage {
  const { site, comment, links } = input
  const words = mailWords(site.language)
  const held = comment.status === 'pending' || comment.status === 'spam'
  return renderSiteMail(input, words, {
    subject: fill(held ? words.moderatorSubjectHeld : words.moderatorSubjectNew, { site: site.name }),
    blocks: moderationBlocks(words, comment, links),
    footer: fill(words.footerModeration, { site: site.name }),
    unsubscribe: links.unsubscribe,
  })
}
