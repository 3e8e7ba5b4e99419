import type { Clock } from '../clock.js'
import { invalidField } from '../errors.js'
import type { Provider, SiteConfig } from '../sites/site-schema.js'
import type { ProviderEndpoints } from './provider-endpoints.js'
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
  const now = deps.clock()
  const identity = await verifyIdToken(provider, input.idToken, {
    endpoints: deps.endpoints,
    now,
    ...(input.nonce !== undefined && { nonce: input.nonce }),
  })
  const id = userIdFor(site.id, provider.id, identity.issuer, identity.subject)
  const existing = await deps.users.get(site.id, id)
  const user: User = {
    id,
    siteId: site.id,
    providerId: provider.id,
    providerType: provider.type,
    issuer: identity.issuer,
    subject: identity.subject,
    name: identity.name ?? existing?.name ?? `${provider.name ?? provider.type} user`,
    avatar: identity.picture,
    email: identity.email,
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
      subject: identity.subject,
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
