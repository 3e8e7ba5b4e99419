import * as z from 'zod/mini'

/** `?token=…` of a mail link: its size is bounded here, its signature checked by `verifyMailToken`. */
export const MailTokenQuerySchema = z.object({ token: z.string().check(z.minLength(1), z.maxLength(2048)) })

/**
 * The form a mail link's page posts (its button sends no field), or RFC 8058's one-click body
 * `List-Unsubscribe=One-Click` that mail providers post to the List-Unsubscribe URL.
 */
export const MailActionFormSchema = z.object({ 'List-Unsubscribe': z.optional(z.literal('One-Click')) })
