import type { SESv2Client } from '@aws-sdk/client-sesv2'
import type { Mailer } from './mail-message.js'
import { MailNotSentError } from './mail-not-sent-error.js'
import { buildRawMessage } from './raw-message.js'

/** SES errors that sending the same mail again cannot cure. */
const PERMANENT = new Set(['MessageRejected', 'MailFromDomainNotVerifiedException', 'BadRequestException'])

export interface SesMailerOptions {
  client: Pick<SESv2Client, 'send'>
  /** Where SES reports bounces and complaints (the suppression list is fed from it). */
  configurationSet?: string | undefined
}

/**
 * Sends through SES v2 as raw content: the same MIME message the other transports send, with the
 * List-Unsubscribe headers SES's simple content would not carry.
 */
export function createSesMailer({ client, configurationSet }: SesMailerOptions): Mailer {
  return {
    /** @throws MailNotSentError when SES refuses the mail or cannot be reached */
    async send(message) {
      const raw = await buildRawMessage(message)
      // The client's module is loaded by whoever made the client; this only takes its command.
      const { SendEmailCommand } = await import('@aws-sdk/client-sesv2')
      try {
        await client.send(
          new SendEmailCommand({
            Destination: { ToAddresses: [message.to] },
            Content: { Raw: { Data: raw } },
            ...(configurationSet !== undefined && { ConfigurationSetName: configurationSet }),
          }),
        )
      } catch (err) {
        const name = err instanceof Error ? err.name : 'unknown'
        throw new MailNotSentError('ses', name, PERMANENT.has(name))
      }
    },
  }
}
