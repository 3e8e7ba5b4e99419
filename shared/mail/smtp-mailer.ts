import type { Transporter } from 'nodemailer'
import type { Mailer } from './mail-message.js'
import { MailNotSentError } from './mail-not-sent-error.js'
import { nodemailerOptions } from './raw-message.js'

const codeOf = (err: unknown) => {
  const { responseCode, code } = (err ?? {}) as { responseCode?: unknown; code?: unknown }
  return typeof responseCode === 'number' ? responseCode : typeof code === 'string' ? code : 'unknown'
}

/**
 * Sends through an SMTP server (`SMTP_URL`, e.g. `smtp://127.0.0.1:2525`, or `smtps://user:pass@host`)
 * with nodemailer, one connection per mail: local mode sends a few.
 */
export function createSmtpMailer(url: string): Mailer & { close(): void } {
  // Made with the first mail: nodemailer is loaded only by a process that sends one.
  let transport: Transporter | undefined
  return {
    /** @throws MailNotSentError when the server refuses the mail or cannot be reached */
    async send(message) {
      const { default: nodemailer } = await import('nodemailer')
      transport ??= nodemailer.createTransport(url)
      try {
        await transport.sendMail(nodemailerOptions(message))
      } catch (err) {
        const code = codeOf(err)
        throw new MailNotSentError('smtp', String(code), typeof code === 'number' && code >= 500)
      }
    },
    close: () => transport?.close(),
  }
}
