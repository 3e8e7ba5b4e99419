import type { CommentRecord } from '../comments/comment-record.js'
import type { SiteConfig } from '../sites/site-schema.js'
import { type MailBlock, renderMail } from './mail-layout.js'
import type { MailMessage } from './mail-message.js'
import type { MailWords } from './mail-words.js'

/** Who a mail goes to and from, and the site it speaks for (its name and language). */
export interface MailEnvelope {
  site: SiteConfig
  /** The recipient's bare address. */
  to: string
  /** `Name <address>` or a bare address: the site's `notifications.from`, else the deployment's. */
  from: string
}

/** A comment quoted in full: its author's name (else "someone"), its safe html, its Markdown source. */
export const commentBlock = (
  words: MailWords,
  comment: CommentRecord,
  author = comment.author?.name ?? words.someone,
): MailBlock => ({ kind: 'comment', author, html: comment.html, body: comment.body })

/**
 * Renders one of a site's mails in the site's language, with the footer and the unsubscribe link
 * (and headers) every mail carries: what the composers share.
 * @throws TypeError for a link that is not absolute http(s), or an address unfit for a header
 */
export function renderSiteMail(
  envelope: MailEnvelope,
  words: MailWords,
  mail: { subject: string; blocks: MailBlock[]; footer: string; unsubscribe?: string },
): MailMessage {
  return renderMail({
    language: envelope.site.language,
    to: envelope.to,
    from: envelope.from,
    subject: mail.subject,
    blocks: mail.blocks,
    footer: mail.footer,
    ...(mail.unsubscribe !== undefined && {
      unsubscribe: { label: words.unsubscribe, href: mail.unsubscribe },
    }),
  })
}
