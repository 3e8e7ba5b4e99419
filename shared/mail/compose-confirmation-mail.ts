import type { CommentRecord } from '../comments/comment-record.js'
import type { MailMessage } from './mail-message.js'
import { fill, mailWords } from './mail-words.js'
import { commentBlock, type MailEnvelope, renderSiteMail } from './site-mail.js'

/** `to` is the guest's address. */
export interface ConfirmationMailInput extends MailEnvelope {
  /** The comment posted with `notify: true`, quoted so the reader knows what the mail is about. */
  comment: CommentRecord
  /** Absolute links: `mailLink(apiOrigin, 'confirm', …)` and one `unsubscribe` of kind `replies`. */
  links: { confirm: string; unsubscribe: string }
}

/**
 * The one mail of the double opt-in: follow its link, and replies to the guest's comments on the
 * site are mailed to them; ignore it, and nothing else is ever sent.
 * @throws TypeError for a link that is not absolute http(s), or an address unfit for a header
 */
export function composeConfirmationMail(input: ConfirmationMailInput): MailMessage {
  const { site, comment, links } = input
  const words = mailWords(site.language)
  const values = { site: site.name }
  return renderSiteMail(input, words, {
    subject: fill(words.confirmSubject, values),
    blocks: [
      { kind: 'text', text: fill(words.confirmIntro, values) },
      commentBlock(words, comment),
      { kind: 'buttons', buttons: [{ label: words.confirmAction, href: links.confirm }] },
      { kind: 'text', text: words.confirmIgnore },
    ],
    footer: fill(words.footerReplies, values),
    unsubscribe: links.unsubscribe,
  })
}
