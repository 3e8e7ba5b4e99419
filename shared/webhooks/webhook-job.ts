import * as z from 'zod/mini'

/**
 * One delivery of one event to one webhook, as the retry queue carries it (JSON). `messageId` is
 * the same for every attempt (the `webhook-id` receivers deduplicate by); `payload` is the body as
 * the webhook's format wants it, built once; `notBefore` holds back a job a queue delivered early
 * (SQS delays at most 15 minutes).
 */
export const WebhookJobSchema = z.object({
  siteId: z.string().check(z.minLength(1), z.maxLength(64)),
  webhookId: z.string().check(z.minLength(1), z.maxLength(64)),
  messageId: z.string().check(z.regex(/^msg_[A-Za-z0-9_-]{8,64}$/)),
  eventType: z.string().check(z.minLength(1), z.maxLength(64)),
  payload: z.record(z.string(), z.unknown()),
  /** 1 for the first attempt. */
  attempt: z.int().check(z.minimum(1), z.maximum(1000)),
  /** Epoch milliseconds of the first attempt: retries stop 24 h after it. */
  firstAttemptAt: z.number(),
  notBefore: z.optional(z.number()),
})

export type WebhookJob = z.infer<typeof WebhookJobSchema>

/**
 * Reads a job from a queue's message.
 * @throws TypeError when the message is not a job
 */
export function parseWebhookJob(value: unknown): WebhookJob {
  const r = WebhookJobSchema.safeParse(value)
  if (!r.success) throw new TypeError(`not a webhook job: ${r.error.issues[0]?.message ?? 'invalid'}`)
  return r.data
}
