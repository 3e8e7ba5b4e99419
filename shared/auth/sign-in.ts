import type { Clock } from '../clock.js'
import { InvalidTokenError, invalidField } from '../errors.js'
import type { IdTokenProvider, Provider, SiteConfig } from '../sites/site-schema.js'
import { cleanPictureUrl, cleanText, type Identity } from './identity.js'
import type { ProviderEndpoints } from './provider-endpoints.js'
import { providerName } from './public-providers.js'
import type { Sessions } from './sessions.js'
import { type User, type UsersRepository, userIdFor } from './users-repository.js'
import { verifyIdToken } from './verify-id-token.js'

// Where they were first (the auth routes import them from here); their own module keeps jose off the cold path.
export { providerName, publicProviders } from './public-providers.js'

export interface AuthDeps {
  sessions: Sessions
  users: UsersRepository
  endpoints: ProviderEndpoints
  clock: Clock
}

/** What the widget shows of the signed-in reader. */
export const publicUser = (u: User) => ({ id: u.id, name: u.name, avatar: u.avatar, provider: u.providerId })

/**
 * A site's provider by id.
 * @throws ValidationError when the site has no such provider
 */
export function providerOf(site: SiteConfig, providerId: string, pointer = '#/provider'): Provider {
  const provider = site.providers.find((p) => p.id === providerId)
  if (!provider) throw invalidField(pointer, `is not a sign-in provider of site ${site.id}`)
  return provider
}

const ID_TOKEN_TYPES = new Set<Provider['type']>(['google', 'apple', 'microsoft', 'facebook', 'oidc'])
const signsInWithIdToken = (p: Provider): p is IdTokenProvider => ID_TOKEN_TYPES.has(p.type)

/**
 * Exchanges a provider's ID token for a session of this site: verified, then the user's record
 * refreshed. Nothing is stored unless the token verifies.
 * @throws InvalidTokenError, ValidationError (unknown provider), UnavailableError
 */
export async function signInWithIdToken(
  deps: AuthDeps,
  site: SiteConfig,
  input: { provider: string; idToken: string; nonce?: string },
) {
  const provider = providerOf(site, input.provider)
  // GitHub, X, WordPress.com, Mastodon and e-mail issue no ID tokens: their sign-in is the popup's.
  if (!signsInWithIdToken(provider))
    throw new InvalidTokenError('this provider does not sign in with ID tokens')
  const identity = await verifyIdToken(provider, input.idToken, {
    endpoints: deps.endpoints,
    now: deps.clock(),
    ...(input.nonce !== undefined && { nonce: input.nonce }),
  })
  return signInWithIdentity(deps, site, provider, identity)
}

/**
 * Where every sign-in ends, whatever proved the identity (an ID token, an OAuth code flow and a
 * profile, a code by mail): the user's record, keyed by (site, provider, issuer, subject) and
 * refreshed with the provider's current profile, and a session of this site. Call it only with an
 * identity already verified: nothing here checks it again. The e-mail is kept only when the
 * provider verified it, and never identifies.
 * @throws UnavailableError when the store cannot be reached
 */
export async function signInWithIdentity(
  deps: AuthDeps,
  site: SiteConfig,
  provider: Provider,
  identity: Identity,
) {
  const now = deps.clock()
  const id = userIdFor(site.id, provider.id, identity.issuer, identity.subject)
  const existing = await deps.users.get(site.id, id)
  const name = cleanText(identity.name, 80) ?? cleanText(identity.username, 80)
  const user: User = {
    id,
    siteId: site.id,
    providerId: provider.id,
    providerType: provider.type,
    issuer: identity.issuer,
    subject: identity.subject,
    name: name ?? existing?.name ?? `${providerName(provider)} user`,
    avatar: cleanPictureUrl(identity.picture) ?? null,
    email: (identity.emailVerified && cleanText(identity.email, 254)) || null,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  }
  await deps.users.save(user)
  const session = await deps.sessions.issue(
    {
      userId: id,
      siteId: site.id,
      providerId: provider.id,
      providerType: provider.type,
      subject: identity.listedAs ?? identity.subject,
      name: user.name,
      avatar: user.avatar,
    },
    now,
  )
  return {
    token: session.token,
    expiresAt: new Date(session.expiresAt).toISOString(),
    user: publicUser(user),
  }
}
