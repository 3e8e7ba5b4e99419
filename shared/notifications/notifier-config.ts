import * as z from 'zod/mini'

const EnvSchema = z.object({
  /** Absolute origin of the API: every link in a mail is on it. */
  API_ORIGIN: z.url({ protocol: /^https?$/ }),
  /** The deployment's default From; without it the deployment sends webhooks only. */
  MAIL_FROM: z.optional(z.string().check(z.minLength(3), z.maxLength(320))),
  /** Where SES reports bounces and complaints. */
  SES_CONFIGURATION_SET: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
  /** The SQS queue webhook jobs wait in for their (next) attempt. */
  WEBHOOK_QUEUE_URL: z.url({ protocol: /^https?$/ }),
})

export interface NotifierConfig {
  apiOrigin: string
  mailFrom: string | undefined
  sesConfigurationSet: string | undefined
  webhookQueueUrl: string
}

/**
 * The notifier Lambda's own settings, beside the table and secret `loadConfig` reads: parsed once
 * by its composition root.
 * @throws TypeError listing every invalid variable
 */
export function loadNotifierConfig(env: Record<string, string | undefined>): Readonly<NotifierConfig> {
  const r = EnvSchema.safeParse(env, { jitless: true })
  if (!r.success) throw new TypeError(`invalid environment:\n${z.prettifyError(r.error)}`)
  return Object.freeze({
    apiOrigin: new URL(r.data.API_ORIGIN).origin,
    // An empty MAIL_FROM is no From: the same as none.
    mailFrom: r.data.MAIL_FROM || undefined,
    sesConfigurationSet: r.data.SES_CONFIGURATION_SET || undefined,
    webhookQueueUrl: r.data.WEBHOOK_QUEUE_URL,
  })
}
