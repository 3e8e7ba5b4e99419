import * as z from 'zod/mini'
import { LANGUAGES } from '../languages.js'
import { isDnsHostName, isIssuer, isMailFrom, isOrigin, isWebhookUrl } from './site-url-checks.js'

export { isMailFrom, isWebhookUrl }

/** The events a webhook may ask for (contract section 8). */
export const WEBHOOK_EVENTS = [
  'comment.created',
  'comment.published',
  'comment.deleted',
  'feedback.created',
] as const
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number]

/**
 * The site config's schema. `saved`: with the checks a config passes when it is saved (bounds,
 * patterns, URLs, trimming). `stored`: only the shape and the defaults, to read back a config that
 * passed them when the directory saved it (fields added since get their defaults). Each is built on
 * its first parse: a cold start builds neither, and reading a site for a page's comments never
 * builds the checks.
 */
function siteConfigSchema(checks: 'saved' | 'stored') {
  const saved = checks === 'saved'
  // One instance of each primitive serves every field: a check makes a new schema of it
  // (`s.check()` clones), and the stored schema, which checks nothing, is mostly these three.
  const [string, int, boolean] = [z.string(), z.int(), z.boolean()]
  /** `schema`, with what `check` adds to it when saving. */
  const checked = <S extends z.ZodMiniType>(schema: S, check: (schema: S) => S) =>
    saved ? check(schema) : schema
  const Text = (max: number) => checked(string, (s) => s.check(z.trim(), z.minLength(1), z.maxLength(max)))
  const Int = (min: number, max: number) => checked(int, (s) => s.check(z.minimum(min), z.maximum(max)))
  const ClientId = Text(512)
  const ProviderId = checked(string, (s) =>
    s.check(z.regex(/^[a-z0-9-]{2,32}$/, 'must be 2 to 32 of a-z, 0-9 and -')),
  )

  /** What the OpenAPI document says of a field beyond its JSON Schema (a refinement has none). */
  const documented = <S extends z.ZodMiniType>(
    schema: S,
    meta: { description: string; readOnly?: true },
  ): S => {
    if (saved) z.globalRegistry.add(schema, meta)
    return schema
  }
  /** A field the service sets and answers: read-only. */
  const serviceOwned = <S extends z.ZodMiniType>(schema: S, description: string) =>
    documented(schema, { description, readOnly: true })

  const SocialProvider = z.object({
    id: ProviderId,
    type: z.enum(['google', 'apple', 'microsoft', 'facebook']),
    clientId: ClientId,
    name: z.optional(Text(80)),
    /** Microsoft only: the tenant ids allowed to sign in (all when absent). */
    tenants: z.optional(
      saved ? z.array(z.uuid().check(z.toLowerCase())).check(z.maxLength(50)) : z.array(string),
    ),
  })

  const OidcProvider = z.object({
    id: ProviderId,
    type: z.literal('oidc'),
    issuer: checked(string, (s) =>
      s.check(z.refine(isIssuer, 'must be an https URL (http only on a loopback host)')),
    ),
    clientId: ClientId,
    name: z.optional(Text(80)),
    algorithms: z.optional(
      checked(z.array(z.enum(['RS256', 'ES256', 'PS256', 'EdDSA'])), (s) => s.check(z.minLength(1))),
    ),
  })

  /**
   * An OAuth client secret: write-only. Saved sealed apart from the config (see
   * auth/oauth/client-secrets.ts); the config keeps, and every read answers, `"set"`. A save that
   * sends `"set"` back, or leaves it out, keeps the stored one.
   */
  const ClientSecret = z.optional(
    documented(
      checked(string, (s) => s.check(z.minLength(1), z.maxLength(512))),
      {
        description: 'write-only: saved encrypted, answered as "set"; send "set" or leave it out to keep it',
      },
    ),
  )

  /** OAuth 2.0 with PKCE; a confidential X app also has a secret (a public one has none). */
  const XProvider = z.object({
    id: ProviderId,
    type: z.literal('x'),
    clientId: ClientId,
    clientSecret: ClientSecret,
    name: z.optional(Text(80)),
  })

  /** Code flows whose token exchange needs the client secret (required when such a provider is new). */
  const SecretProvider = z.object({
    id: ProviderId,
    type: z.enum(['wordpress', 'github']),
    clientId: ClientId,
    clientSecret: ClientSecret,
    name: z.optional(Text(80)),
  })

  /** No client id: the app is registered on each reader's server; `servers` allows only those. */
  const MastodonProvider = z.object({
    id: ProviderId,
    type: z.literal('mastodon'),
    name: z.optional(Text(80)),
    servers: z.optional(
      checked(
        z.array(
          checked(string, (s) =>
            s.check(
              z.trim(),
              z.toLowerCase(),
              z.maxLength(253),
              z.refine(isDnsHostName, 'must be a DNS host name (like mastodon.social), not an IP address'),
            ),
          ),
        ),
        (s) => s.check(z.maxLength(50)),
      ),
    ),
  })

  /** A six-digit code sent to the reader's address: no client at all. */
  const EmailProvider = z.object({ id: ProviderId, type: z.literal('email'), name: z.optional(Text(80)) })

  const Email = checked(string, (s) => s.check(z.trim(), z.toLowerCase(), z.email(), z.maxLength(254)))

  /** Where a site's events are posted; who signs them is the webhook's secret, kept apart (see webhooks/). */
  const Webhook = z.object({
    id: ProviderId,
    url: documented(
      checked(string, (s) =>
        s.check(
          z.maxLength(2048),
          z.refine(isWebhookUrl, 'must be an https URL (http only on a loopback host), with no credentials'),
        ),
      ),
      {
        description:
          'https (http only on a loopback host), no credentials; its host must resolve to public addresses only (checked when saved and at each delivery)',
      },
    ),
    events: checked(z.array(z.enum(WEBHOOK_EVENTS)), (s) => s.check(z.minLength(1), z.maxLength(4))),
    format: z._default(z.enum(['standard', 'slack', 'discord']), 'standard'),
    /** The signing secret: answered once, by the save that creates the webhook; never stored here, ignored on input. */
    secret: z.optional(
      serviceOwned(
        z.string(),
        'whsec_…: answered once, by the save that creates the webhook; ignored on input',
      ),
    ),
    /** Set by the service once deliveries have failed for 24 h, cleared by a success; ignored on input. */
    failing: z.optional(
      serviceOwned(z.boolean(), 'set once deliveries have failed for 24 h; ignored on input'),
    ),
    failingSince: z.optional(serviceOwned(z.string(), 'when the failing began; ignored on input')),
  })

  const Notifications = z.object({
    moderatorEmails: z._default(
      checked(z.array(Email), (s) => s.check(z.maxLength(10))),
      [],
    ),
    onNew: z._default(z.enum(['pending', 'all', 'none']), 'pending'),
    digest: z._default(z.enum(['off', 'hourly', 'daily']), 'off'),
    replies: z._default(boolean, true),
    /** The From address (`Blog <comments@blog.example>` or a bare address); the deployment's own when null. */
    from: z._default(
      z.nullable(
        documented(
          checked(Text(320), (s) =>
            s.check(z.refine(isMailFrom, 'must be one address, bare or as Name <address>, on one line')),
          ),
          {
            description:
              'the From of the site’s mail (`Name <address>` or an address); the deployment’s when null',
          },
        ),
      ),
      null,
    ),
    webhooks: z._default(
      checked(z.array(Webhook), (s) => s.check(z.maxLength(5))),
      [],
    ),
  })

  const Limits = z.object({
    maxLength: z._default(Int(1, 20_000), 5000),
    maxDepth: z._default(Int(0, 10), 5),
    editWindowSeconds: z._default(Int(0, 7 * 24 * 3600), 900),
    commentsPerMinutePerIp: z._default(Int(1, 1000), 5),
    maxLinks: z._default(Int(0, 100), 3),
  })

  return z.object({
    id: checked(string, (s) => s.check(z.regex(/^[a-z0-9-]{2,64}$/, 'must be 2 to 64 of a-z, 0-9 and -'))),
    name: Text(200),
    origins: checked(
      z.array(
        checked(string, (s) =>
          s.check(z.refine(isOrigin, 'must be an origin: scheme://host[:port], nothing after')),
        ),
      ),
      (s) => s.check(z.minLength(1), z.maxLength(20)),
    ),
    moderation: z._default(z.enum(['post', 'pre']), 'post'),
    guests: z._default(
      z.object({
        allowed: z._default(boolean, true),
        requireEmail: z._default(boolean, false),
      }),
      { allowed: true, requireEmail: false },
    ),
    providers: z._default(
      checked(
        z.array(
          z.discriminatedUnion('type', [
            SocialProvider,
            OidcProvider,
            XProvider,
            SecretProvider,
            MastodonProvider,
            EmailProvider,
          ]),
        ),
        (s) => s.check(z.maxLength(20)),
      ),
      [],
    ),
    moderators: z._default(
      checked(z.array(z.object({ provider: ProviderId, subject: Text(255) })), (s) =>
        s.check(z.maxLength(100)),
      ),
      [],
    ),
    pageQueryParams: z._default(
      checked(z.array(Text(64)), (s) => s.check(z.maxLength(10))),
      [],
    ),
    limits: z._default(Limits, limitDefaults),
    /** The language of the mails Parley sends for the site (one of the widget's six). */
    language: z._default(z.enum(LANGUAGES), 'en'),
    notifications: z._default(Notifications, notificationDefaults),
    spam: z._default(
      z.object({
        heuristics: z._default(boolean, true),
        /** Words and /regex/ entries; which patterns are safe is checked when a site is saved. */
        blocklist: z._default(
          checked(z.array(Text(220)), (s) => s.check(z.maxLength(500))),
          [],
        ),
        /** Optional: Akismet checks every comment the heuristics let through. */
        akismet: z.optional(z.object({ key: Text(64) })),
      }),
      { heuristics: true, blocklist: [] },
    ),
  })
}

// A function: every config gets arrays of its own.
const notificationDefaults = () => ({
  moderatorEmails: [],
  onNew: 'pending' as const,
  digest: 'off' as const,
  replies: true,
  from: null,
  webhooks: [],
})

const limitDefaults = {
  maxLength: 5000,
  maxDepth: 5,
  editWindowSeconds: 900,
  commentsPerMinutePerIp: 5,
  maxLinks: 3,
}

/** A blog: who may call it, how comments are moderated, and its limits. Defaults as in the contract. */
export const SiteConfigSchema = z.lazy(() => siteConfigSchema('saved'))

export type SiteConfig = z.infer<typeof SiteConfigSchema>
export type SiteConfigInput = z.input<typeof SiteConfigSchema>
export type Provider = SiteConfig['providers'][number]
export type ProviderType = Provider['type']
/** The providers that sign in with an ID token (the jose path). */
export type IdTokenProvider = Extract<
  Provider,
  { type: 'google' | 'apple' | 'microsoft' | 'facebook' | 'oidc' }
>
/** The providers whose sign-in is an OAuth code flow with a client id of the site's: GitHub, X, WordPress.com. */
export type OAuthClientProvider = Extract<Provider, { type: 'github' | 'x' | 'wordpress' }>
export type NotificationSettings = SiteConfig['notifications']
export type Webhook = NotificationSettings['webhooks'][number]

/** A config as the directory saved it, read back: shape and defaults only (see {@link siteConfigSchema}). */
export const StoredSiteConfigSchema: z.ZodMiniType<SiteConfig> = z.lazy(() => siteConfigSchema('stored'))
