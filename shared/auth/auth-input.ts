import * as z from 'zod/mini'

export const TokenExchangeSchema = z.object({
  provider: z.string().check(z.regex(/^[a-z0-9-]{2,32}$/, 'must be a provider id')),
  // Size is the verifier's to refuse (401, before any parsing); this only bounds the body.
  idToken: z.string().check(z.minLength(1), z.maxLength(60_000)),
})

export const StartQuerySchema = z.object({ origin: z.string().check(z.maxLength(300)) })

/** An authorization response in the query (OIDC); Facebook's comes in the fragment, so none here. */
export const CallbackQuerySchema = z.object({
  state: z.optional(z.string().check(z.maxLength(200))),
  code: z.optional(z.string().check(z.minLength(1), z.maxLength(4096))),
  iss: z.optional(z.string().check(z.maxLength(2048))),
})

/** Facebook's ID token, read from the callback's fragment by the popup page and posted back. */
export const CallbackBodySchema = z.object({
  state: z.string().check(z.maxLength(200)),
  idToken: z.string().check(z.minLength(1), z.maxLength(60_000)),
})
