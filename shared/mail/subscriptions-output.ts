import * as z from 'zod/mini'

/** `GET /v1/sites/{siteId}/me/subscriptions`: the comments whose replies the reader is mailed. */
export const SubscriptionsResponseSchema = z.object({
  subscriptions: z.array(z.object({ commentId: z.string(), since: z.iso.datetime() })),
})
