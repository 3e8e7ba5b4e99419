import MailComposer from 'nodemailer/lib/mail-composer'
import type { MailMessage } from './mail-message.js'

/** What nodemailer is given for a {@link MailMessage}: multipart/alternative, text first. */
export const nodemailerOptions = (message: MailMessage) => ({
  from: message.from,
  to: message.to,
  subject: message.subject,
  text: message.text,
  html: message.html,
  headers: message.headers,
})

/** The message as RFC 5322 bytes (CRLF lines, MIME-encoded headers, a Message-ID and a Date). */
export function buildRawMessage(message: MailMessage): Promise<Buffer> {
  return new MailComposer(nodemailerOptions(message)).compile().build()
}
