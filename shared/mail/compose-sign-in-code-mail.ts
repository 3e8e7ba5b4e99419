import type { MailMessage } from './mail-message.js'
import { fill, mailWords } from './mail-words.js'
import { type MailEnvelope, renderSiteMail } from './site-mail.js'

/** `to` is the address the reader typed into the sign-in popup. */
export interface SignInCodeMailInput extends MailEnvelope {
  /** The six digits. */
  code: string
}

/**
 * The mail of a sign-in by e-mail: the code, how long it holds, what to do when it was not asked
 * for. No link (the reader types the code into the popup that asked for it) and no unsubscribe:
 * it is sent only to someone who asked for it this minute.
 * @throws TypeError for an address unfit for a header
 */
export function composeSignInCodeMail(input: SignInCodeMailInput): MailMessage {
  const words = mailWords(input.site.language)
  const values = { site: input.site.name }
  return renderSiteMail(input, words, {
    subject: fill(words.signInSubject, values),
    blocks: [
      { kind: 'text', text: fill(words.signInIntro, values) },
      { kind: 'code', code: input.code },
      { kind: 'text', text: fill(words.signInExpiry, values) },
      { kind: 'text', text: words.signInIgnore },
    ],
    footer: fill(words.footerSignIn, values),
  })
}
