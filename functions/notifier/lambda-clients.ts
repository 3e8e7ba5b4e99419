import type { Mailer } from '../../shared/mail/mail-message.js'
import { once } from '../../shared/once.js'
import type { WebhookRetryQueue } from '../../shared/webhooks/retry-queue.js'

/**
 * SES through a client made with the first mail, once per container: a batch that mails nobody
 * (most of them) loads neither the client nor nodemailer's composer.
 */
export function lazySesMailer(region: string, configurationSet: string | undefined): Mailer {
  const mailer = once(async () => {
    const [{ SESv2Client }, { createSesMailer }] = await Promise.all([
      import('@aws-sdk/client-sesv2'),
      import('../../shared/mail/ses-mailer.js'),
    ])
    return createSesMailer({ client: new SESv2Client({ region, maxAttempts: 3 }), configurationSet })
  })
  return { send: async (message) => (await mailer()).send(message) }
}

/** The SQS retry queue, its client made with the first job, once per container. */
export function lazySqsQueue(region: string, queueUrl: string): WebhookRetryQueue {
  const queue = once(async () => {
    const [{ SQSClient }, { createSqsRetryQueue }] = await Promise.all([
      import('@aws-sdk/client-sqs'),
      import('../../shared/webhooks/retry-queue.js'),
    ])
    return createSqsRetryQueue(new SQSClient({ region, maxAttempts: 3 }), queueUrl)
  })
  return { schedule: async (job, delayMs) => (await queue()).schedule(job, delayMs) }
}
