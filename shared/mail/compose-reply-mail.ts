import type { CommentRecord } from '../comments/comment-record.js'
import { excerpt } from './mail-layout.js'
import type { MailMessage } from './mail-message.js'
import { fill, mailWords } from './mail-words.js'
import { commentBlock, type MailEnvelope, renderSiteMail } from './site-mail.js'

/** `to` is the parent's author: confirmed, subscribed, not the reply's author. */
export interface ReplyMailInput extends MailEnvelope {
  /** The reader's own comment, quoted as a short excerpt of its source. */
  parent: CommentRecord
  /** The reply, shown in full (its safe html; its source in the text part). */
  reply: CommentRecord
  /** Absolute links: where to read the reply, and one `unsubscribe` of kind `replies`. */
  links: { comment: string; unsubscribe: string }
}

/**
 * Tells a reader that someone replied to their comment.
 * @throws TypeError for a link that is not absolute http(s), or an address unfit for a header
 */
export function composeReplyMail(input: ReplyMailInput): MailMessage {
  const { site, parent, reply, links } = input
  const words = mailWords(site.language)
  const values = { site: site.name, name: reply.author?.name ?? words.someone }
  return renderSiteMail(input, words, {
    subject: fill(words.replySubject, values),
    blocks: [
      { kind: 'text', text: fill(words.replyIntro, values) },
      commentBlock(words, reply, values.name),
      { kind: 'buttons', buttons: [{ label: words.replyAction, href: links.comment }] },
      { kind: 'quote', label: words.replyYours, text: excerpt(parent.body) },
    ],
    footer: fill(words.footerReplies, { site: site.name }),
    unsubscribe: links.unsubscribe,
  })
}
