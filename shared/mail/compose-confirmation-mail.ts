import type { CommentRecord } from '../comments/comment-record.js'
import type { SiteConfig } from '../sites/site-schema.js'
import { renderMail } from './mail-layout.js'
import type { MailMessage } from './mail-message.js'
import { fill, mailWords } from './mail-words.js'

export interface ConfirmationMailInput {
  site: SiteConfig
  /** The guest's address (bare). */
  to: string
  /** `Name <address>` or a bare address: the site's `notifications.from`, else the deployment's. */
  from: string
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
  return renderMail({
    language: site.language,
    to: input.to,
    from: input.from,
    subject: fill(words.confirmSubject, values),
    blocks: [
      { kind: 'text', text: fill(words.confirmIntro, values) },
      {
        kind: 'comment',
        author: comment.author?.name ?? words.someone,
        html: comment.html,
        body: comment.body,
      },
      { kind: 'buttons', buttons: [{ label: words.confirmAction, href: links.confirm }] },
      { kind: 'text', text: words.confirmIgnore },
    ],
    footer: fill(words.footerReplies, values),
    unsubscribe: { label: words.unsubscribe, href: links.unsubscribe },
  })
}
