import * as z from 'zod/mini'

export const TokenExchangeSchema = z.object({
  provider: z.string().check(z.regex(/^[a-z0-9-]{2,32}$/, 'must be a provider id')),
  // Size is the verifier's to refuse (401, before any parsing); this only bounds the body.
  idToken: z.string().check(z.minLength(1), z.maxLength(60_000)),
})

export const StartQuerySchema = z.object({ origin: z.string().check(z.maxLength(300)) })

export const CallbackQuerySchema = z.object({
  state: z.string().check(z.maxLength(200)),
  code: z.string().check(z.minLength(1), z.maxLength(4096)),
  iss: z.optional(z.string().check(z.maxLength(2048))),
})
