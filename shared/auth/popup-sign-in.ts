import { InvalidTokenError, invalidField, OriginNotAllowedError, UnavailableError } from '../errors.js'
import type { OAuthClientProvider, Provider, SiteConfig } from '../sites/site-schema.js'
import { discover } from './key-sets.js'
import { finishMastodonSignIn, type MastodonDeps, startMastodonSignIn } from './mastodon/mastodon-sign-in.js'
import { finishOAuthSignIn, type OAuthDeps, startOAuthSignIn } from './oauth/oauth-sign-in.js'
import { providerOf, signInWithIdentity, signInWithIdToken } from './sign-in.js'
import { redeemCode, resumeFlow, startRedirectFlow } from './sign-in-flow.js'

/** The popup's dependencies: sign-in's, the key that seals a flow between start and callback, client secrets. */
export type PopupDeps = OAuthDeps & { mastodon: MastodonDeps }

export type PopupStart =
  | { kind: 'redirect'; url: string; sealedFlow: string }
  /** Mastodon: the popup first asks which server the reader's account is on. */
  | { kind: 'server-step'; provider: Extract<Provider, { type: 'mastodon' }> }
  | { kind: 'script'; provider: Provider & { clientId: string }; type: 'google' | 'apple' | 'microsoft' }
  /** Sign-in by e-mail: the popup's own forms (see auth/email-code/). */
  | { kind: 'email'; provider: Provider }

async function authorizationEndpoint(deps: PopupDeps, provider: Provider): Promise<string> {
  const issuer = provider.type === 'oidc' ? provider.issuer : deps.endpoints.facebook.issuer
  const { authorization_endpoint } = await discover(issuer)
  if (!authorization_endpoint) throw new UnavailableError()
  return authorization_endpoint
}

/**
 * The API's own origin may open the popup too: that is the moderation page signing a moderator in.
 * @throws OriginNotAllowedError for any other origin not the site's
 */
function checkOpener(site: SiteConfig, options: { origin: string; redirectUri: string }) {
  const own = new URL(options.redirectUri).origin
  if (!site.origins.includes(options.origin) && options.origin !== own)
    throw new OriginNotAllowedError(options.origin)
}

/**
 * The Mastodon popup's server step, submitted: the server checked, Parley's app there registered or
 * reused, and where to send the popup (the server's consent page) with the sealed flow.
 * @throws OriginNotAllowedError, ValidationError (unknown provider, `#/server`), UnavailableError
 */
export async function startMastodonPopup(
  deps: PopupDeps,
  site: SiteConfig,
  providerId: string,
  options: { origin: string; server: string; redirectUri: string },
) {
  const provider = providerOf(site, providerId, '#/providerId')
  if (provider.type !== 'mastodon') throw invalidField('#/providerId', 'is not a Mastodon provider')
  checkOpener(site, options)
  return startMastodonSignIn(
    { ...deps.mastodon, flowKey: deps.flowKey, now: deps.clock() },
    site,
    provider,
    options,
  )
}

const isOAuthClient = (p: Provider): p is OAuthClientProvider =>
  p.type === 'github' || p.type === 'x' || p.type === 'wordpress'

/**
 * Starts the sign-in popup for an opener on one of the site's origins (or the API's own): a redirect to an OpenID
 * provider (code + PKCE), to Facebook (implicit ID token) or to an OAuth provider (GitHub, X,
 * WordPress.com: code, PKCE where taken), or the provider's own script.
 * @throws OriginNotAllowedError, ValidationError (unknown provider), UnavailableError
 */
export async function startPopupSignIn(
  deps: PopupDeps,
  site: SiteConfig,
  providerId: string,
  options: { origin: string; redirectUri: string },
): Promise<PopupStart> {
  const provider = providerOf(site, providerId, '#/providerId')
  checkOpener(site, options)
  if (provider.type === 'mastodon') return { kind: 'server-step', provider }
  if (isOAuthClient(provider)) return { kind: 'redirect', ...startOAuthSignIn(deps, site, provider, options) }
  switch (provider.type) {
    case 'google':
    case 'apple':
    case 'microsoft':
      return { kind: 'script', provider, type: provider.type }
    case 'oidc':
    case 'facebook': {
      const flow = startRedirectFlow(deps.flowKey, {
        authorizationEndpoint: await authorizationEndpoint(deps, provider),
        responseType: provider.type === 'oidc' ? 'code' : 'id_token',
        clientId: provider.clientId,
        siteId: site.id,
        providerId: provider.id,
        origin: options.origin,
        redirectUri: options.redirectUri,
        now: deps.clock(),
      })
      return { kind: 'redirect', url: flow.url, sealedFlow: flow.sealed }
    }
    case 'email':
      return { kind: 'email', provider }
  }
}

/** The authorization response as the callback received it, for oauth4webapi to validate. */
const callbackParameters = (input: {
  state: string
  code?: string | undefined
  iss?: string | undefined
}) => {
  const params = new URLSearchParams({ state: input.state })
  if (input.code !== undefined) params.set('code', input.code)
  if (input.iss !== undefined) params.set('iss', input.iss)
  return params
}

/**
 * Finishes a popup flow: an authorization code (OIDC, GitHub, X, WordPress.com) or an ID token
 * (Facebook) that came back with the flow's `state` becomes a session for the opener's origin
 * (ID tokens verified with the flow's `nonce`).
 * @throws InvalidTokenError, ValidationError, UnavailableError
 */
export async function finishPopupSignIn(
  deps: PopupDeps,
  site: SiteConfig,
  providerId: string,
  input: { state: string; code?: string | undefined; idToken?: string | undefined; iss?: string | undefined },
  options: { sealedFlow: string | undefined; redirectUri: string },
) {
  const provider = providerOf(site, providerId, '#/providerId')
  const flow = resumeFlow(deps.flowKey, options.sealedFlow, {
    siteId: site.id,
    providerId: provider.id,
    state: input.state,
    now: deps.clock(),
  })
  const callback = callbackParameters(input)
  if (isOAuthClient(provider)) {
    if (input.code === undefined) throw new InvalidTokenError('the callback does not come from this provider')
    const session = await finishOAuthSignIn(deps, site, provider, {
      flow,
      callback,
      redirectUri: options.redirectUri,
    })
    return { origin: flow.origin, session }
  }
  if (provider.type === 'mastodon') {
    if (input.code === undefined) throw new InvalidTokenError('the callback does not come from this provider')
    const identity = await finishMastodonSignIn(deps.mastodon, site, provider, {
      flow,
      callback,
      redirectUri: options.redirectUri,
    })
    return { origin: flow.origin, session: await signInWithIdentity(deps, site, provider, identity) }
  }
  let idToken: string | undefined
  if (provider.type === 'oidc' && input.code !== undefined) {
    idToken = await redeemCode(provider, { flow, callback, redirectUri: options.redirectUri })
  } else if (provider.type === 'facebook') {
    idToken = input.idToken
  }
  if (idToken === undefined) throw new InvalidTokenError('the callback does not come from this provider')
  const session = await signInWithIdToken(deps, site, { provider: provider.id, idToken, nonce: flow.nonce })
  // The opener's origin was checked against the site's origins when the flow started.
  return { origin: flow.origin, session }
}
