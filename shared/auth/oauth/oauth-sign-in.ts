import type { OAuthClientProvider, SiteConfig } from '../../sites/site-schema.js'
import type { AuthDeps } from '../sign-in.js'
import { signInWithIdentity } from '../sign-in.js'
import type { SignInFlow } from '../sign-in-flow.js'
import { finishCodeFlow, startCodeFlow } from './code-flow.js'
import { github } from './github.js'
import type { OAuthProvider } from './oauth-provider.js'
import { fetchProfile } from './profile-fetch.js'
import { wordpress } from './wordpress.js'
import { x } from './x.js'

/** The code-flow providers whose client is the site's own (Mastodon registers one per server). */
export const OAUTH_PROVIDERS: Record<OAuthClientProvider['type'], OAuthProvider> = { github, x, wordpress }

/** Sign-in's dependencies, plus the flow cookie's key and the opener of stored client secrets. */
export type OAuthDeps = AuthDeps & {
  flowKey: Buffer
  /** A provider's client secret, opened; undefined when none is stored. */
  clientSecret(siteId: string, providerId: string): Promise<string | undefined>
}

const endpointsOf = (deps: AuthDeps, provider: OAuthClientProvider) =>
  deps.endpoints[provider.type] ?? OAUTH_PROVIDERS[provider.type].endpoints

/**
 * Starts a GitHub, X or WordPress.com sign-in: where to send the popup, and the sealed flow.
 * The opener's origin must have been checked already.
 */
export function startOAuthSignIn(
  deps: OAuthDeps,
  site: SiteConfig,
  provider: OAuthClientProvider,
  options: { origin: string; redirectUri: string },
) {
  const module = OAUTH_PROVIDERS[provider.type]
  return startCodeFlow(deps.flowKey, {
    server: endpointsOf(deps, provider),
    clientId: provider.clientId,
    scope: module.scope,
    pkce: module.pkce,
    redirectUri: options.redirectUri,
    siteId: site.id,
    providerId: provider.id,
    origin: options.origin,
    now: deps.clock(),
  })
}

/**
 * Finishes a GitHub, X or WordPress.com sign-in: the code redeemed (with the stored secret when
 * the provider takes one), the profile read, the identity signed in. Nothing is stored unless all
 * of it succeeds.
 * @throws InvalidTokenError, UnavailableError
 */
export async function finishOAuthSignIn(
  deps: OAuthDeps,
  site: SiteConfig,
  provider: OAuthClientProvider,
  input: { flow: SignInFlow; callback: URLSearchParams; redirectUri: string },
) {
  const module = OAUTH_PROVIDERS[provider.type]
  const server = endpointsOf(deps, provider)
  const clientSecret = await deps.clientSecret(site.id, provider.id)
  const tokens = await finishCodeFlow({
    server,
    client: {
      clientId: provider.clientId,
      clientSecret,
      auth: module.authMethod(clientSecret !== undefined),
    },
    callback: input.callback,
    flow: input.flow,
    redirectUri: input.redirectUri,
    pkce: module.pkce,
  })
  const identity = await module.profile(tokens.access_token, server.api, fetchProfile)
  return signInWithIdentity(deps, site, provider, identity)
}
