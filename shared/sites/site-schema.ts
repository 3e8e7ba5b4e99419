import * as z from 'zod/mini'

const isOrigin = (value: string) => {
  try {
    const url = new URL(value)
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value
  } catch {
    return false
  }
}

const isLoopback = (host: string) =>
  host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host)

/** `https://idp.example`, or `http:` on a loopback host only (a developer's own provider). */
const isIssuer = (value: string) => {
  try {
    const url = new URL(value)
    return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname))
  } catch {
    return false
  }
}

const Text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max))
const ClientId = Text(512)
const ProviderId = z.string().check(z.regex(/^[a-z0-9-]{2,32}$/, 'must be 2 to 32 of a-z, 0-9 and -'))

const SocialProvider = z.object({
  id: ProviderId,
  type: z.enum(['google', 'apple', 'microsoft', 'facebook']),
  clientId: ClientId,
  name: z.optional(Text(80)),
  /** Microsoft only: the tenant ids allowed to sign in (all when absent). */
  tenants: z.optional(z.array(z.uuid().check(z.toLowerCase())).check(z.maxLength(50))),
})

const OidcProvider = z.object({
  id: ProviderId,
  type: z.literal('oidc'),
  issuer: z.string().check(z.refine(isIssuer, 'must be an https URL (http only on a loopback host)')),
  clientId: ClientId,
  name: z.optional(Text(80)),
  algorithms: z.optional(z.array(z.enum(['RS256', 'ES256', 'PS256', 'EdDSA'])).check(z.minLength(1))),
})

export const ProviderSchema = z.discriminatedUnion('type', [SocialProvider, OidcProvider])
export type Provider = z.infer<typeof ProviderSchema>

const Limits = z.object({
  maxLength: z._default(z.int().check(z.minimum(1), z.maximum(20_000)), 5000),
  maxDepth: z._default(z.int().check(z.minimum(0), z.maximum(10)), 5),
  editWindowSeconds: z._default(z.int().check(z.minimum(0), z.maximum(7 * 24 * 3600)), 900),
  commentsPerMinutePerIp: z._default(z.int().check(z.minimum(1), z.maximum(1000)), 5),
  maxLinks: z._default(z.int().check(z.minimum(0), z.maximum(100)), 3),
})

const limitDefaults = {
  maxLength: 5000,
  maxDepth: 5,
  editWindowSeconds: 900,
  commentsPerMinutePerIp: 5,
  maxLinks: 3,
}

/** A blog: who may call it, how comments are moderated, and its limits. Defaults as in the contract. */
export const SiteConfigSchema = z.object({
  id: z.string().check(z.regex(/^[a-z0-9-]{2,64}$/, 'must be 2 to 64 of a-z, 0-9 and -')),
  name: Text(200),
  origins: z
    .array(z.string().check(z.refine(isOrigin, 'must be an origin: scheme://host[:port], nothing after')))
    .check(z.minLength(1), z.maxLength(20)),
  moderation: z._default(z.enum(['post', 'pre']), 'post'),
  guests: z._default(
    z.object({
      allowed: z._default(z.boolean(), true),
      requireEmail: z._default(z.boolean(), false),
    }),
    { allowed: true, requireEmail: false },
  ),
  providers: z._default(z.array(ProviderSchema).check(z.maxLength(20)), []),
  moderators: z._default(
    z.array(z.object({ provider: ProviderId, subject: Text(255) })).check(z.maxLength(100)),
    [],
  ),
  pageQueryParams: z._default(z.array(Text(64)).check(z.maxLength(10)), []),
  limits: z._default(Limits, limitDefaults),
  spam: z._default(
    z.object({
      heuristics: z._default(z.boolean(), true),
      /** Words and /regex/ entries; which patterns are safe is checked when a site is saved. */
      blocklist: z._default(z.array(Text(220)).check(z.maxLength(500)), []),
      /** Optional: Akismet checks every comment the heuristics let through. */
      akismet: z.optional(z.object({ key: Text(64) })),
    }),
    { heuristics: true, blocklist: [] },
  ),
})

export type SiteConfig = z.infer<typeof SiteConfigSchema>
export type SiteConfigInput = z.input<typeof SiteConfigSchema>
