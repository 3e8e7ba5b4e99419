import * as z from 'zod/mini'

const Recipients = z.array(z.object({ emailAddress: z.string().check(z.maxLength(320)) }))

/** An SES event as EventBridge delivers it (`source: aws.ses`); only what suppression needs is read. */
export const SesEventSchema = z.object({
  source: z.literal('aws.ses'),
  'detail-type': z.string(),
  detail: z.object({
    eventType: z.optional(z.string()),
    bounce: z.optional(z.object({ bounceType: z.optional(z.string()), bouncedRecipients: Recipients })),
    complaint: z.optional(z.object({ complainedRecipients: Recipients })),
  }),
})

export type SuppressionReason = 'bounce' | 'complaint'

/**
 * The addresses an SES event says to stop mailing: every recipient of a permanent bounce ("Email
 * Bounced"; a transient one may pass) and of a complaint ("Email Complaint Received"). Any other
 * event, or one that does not parse, names none.
 */
export function suppressionsOf(event: unknown): { address: string; reason: SuppressionReason }[] {
  const parsed = SesEventSchema.safeParse(event)
  if (!parsed.success) return []
  const { bounce, complaint } = parsed.data.detail
  if (bounce && bounce.bounceType === 'Permanent')
    return bounce.bouncedRecipients.map((r) => ({ address: r.emailAddress, reason: 'bounce' }))
  if (complaint)
    return complaint.complainedRecipients.map((r) => ({ address: r.emailAddress, reason: 'complaint' }))
  return []
}

export const isSesEvent = (event: unknown) =>
  typeof event === 'object' && event !== null && 'source' in event && event.source === 'aws.ses'
