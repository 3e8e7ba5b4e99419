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

/**
 * The message as RFC 5322 bytes (CRLF lines, MIME-encoded headers, a Message-ID and a Date).
 * nodemailer's composer is loaded with the first mail: a notifier run that sends none skips it.
 * @throws Error from nodemailer's composer for a message it cannot encode (composers never make one)
 */
export async function buildRawMessage(message: MailMessage): Promise<Buffer> {
  const { default: MailComposer } = await import('nodemailer/lib/mail-composer')
  return new MailComposer(nodemailerOptions(message)).compile().build()
}
