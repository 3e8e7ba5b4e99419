import * as z from 'zod/mini'

/** What the sign-in API answers (contract section 3): public, no secrets. */

export const SessionUserSchema = z.object({
  id: z.string(),
  name: z.string(),
  avatar: z.nullable(z.string()),
  provider: z.string(),
})

export const ProvidersResponseSchema = z.object({
  providers: z.array(
    z.object({ id: z.string(), type: z.string(), name: z.string(), clientId: z.optional(z.string()) }),
  ),
  guests: z.object({ allowed: z.boolean(), requireEmail: z.boolean() }),
})

export const TokenResponseSchema = z.object({
  token: z.string(),
  expiresAt: z.iso.datetime(),
  user: SessionUserSchema,
})

export const MeResponseSchema = z.object({ user: SessionUserSchema })

/** What the popup's callback page posts to its opener, and to which origin. */
export const SessionHandoffSchema = z.object({
  origin: z.string(),
  message: z.object({ type: z.literal('parley:session'), token: z.string(), user: SessionUserSchema }),
})
