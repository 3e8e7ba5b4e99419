import { InvalidTokenError, UnavailableError } from '../../errors.js'
import { isLoopbackHost } from '../../sites/site-url-checks.js'
import { newSignInFlow, pkceChallenge, type SignInFlow } from '../sign-in-flow.js'
import type { OAuthClient, OAuthEndpoints } from './oauth-provider.js'

/** How long the token endpoint may take: a reader is waiting in the popup. */
export const TOKEN_TIMEOUT_MS = 5_000

/** The server as oauth4webapi takes it. */
const authorizationServer = (server: Omit<OAuthEndpoints, 'api'>) => ({
  issuer: server.issuer ?? new URL(server.authorizationEndpoint).origin,
  authorization_endpoint: server.authorizationEndpoint,
  token_endpoint: server.tokenEndpoint,
})

/**
 * Starts an authorization code flow: `state`, and PKCE S256 when the provider takes it, kept in
 * the sealed flow; `extra` adds parameters the provider wants (never `state` or the challenge).
 * @returns where to send the reader, and the sealed flow for the cookie
 */
export function startCodeFlow(
  flowKey: Buffer,
  options: {
    server: Pick<OAuthEndpoints, 'authorizationEndpoint'>
    clientId: string
    scope: string
    pkce: boolean
    redirectUri: string
    siteId: string
    providerId: string
    origin: string
    now: number
    /** A provider with many servers (Mastodon): the one this flow runs at, kept in the flow. */
    flowServer?: string | undefined
    extra?: Record<string, string>
  },
) {
  const { flow, sealed } = newSignInFlow(flowKey, { ...options, server: options.flowServer })
  const url = new URL(options.server.authorizationEndpoint)
  for (const [name, value] of Object.entries(options.extra ?? {})) url.searchParams.set(name, value)
  url.searchParams.set('response_type', 'code')
  url.searchParams.set('client_id', options.clientId)
  url.searchParams.set('redirect_uri', options.redirectUri)
  url.searchParams.set('scope', options.scope)
  url.searchParams.set('state', flow.state)
  if (options.pkce) {
    url.searchParams.set('code_challenge', pkceChallenge(flow.verifier))
    url.searchParams.set('code_challenge_method', 'S256')
  }
  return { url: url.href, sealedFlow: sealed }
}

/** Network failures and timeouts are the provider's absence; anything else it said is a refusal. */
function translate(err: unknown, oauth: typeof import('oauth4webapi')): Error {
  if (err instanceof InvalidTokenError || err instanceof UnavailableError) return err
  if (err instanceof oauth.ResponseBodyError && err.status >= 500) return new UnavailableError({ cause: err })
  if (
    err instanceof oauth.OperationProcessingError ||
    err instanceof oauth.ResponseBodyError ||
    err instanceof oauth.AuthorizationResponseError ||
    err instanceof oauth.WWWAuthenticateChallengeError
  )
    return new InvalidTokenError('the provider did not accept the sign-in')
  return new UnavailableError({ cause: err })
}

/**
 * Finishes an authorization code flow with oauth4webapi: the callback's parameters validated
 * (the flow's `state`; `iss` when the server sends one, RFC 9207; an `error` refused), the code
 * redeemed with the flow's PKCE verifier and the client's authentication, redirects refused, within
 * {@link TOKEN_TIMEOUT_MS}, and the token response checked for its shape.
 * @param oidcNonce for an OpenID provider: the ID token in the response must carry this nonce
 * @returns the token endpoint's response (`access_token`, and `id_token` for OpenID providers)
 * @throws InvalidTokenError when the callback or the token response is not exactly right
 * @throws UnavailableError when the token endpoint cannot be reached in time
 */
export async function finishCodeFlow(options: {
  server: Omit<OAuthEndpoints, 'api'>
  client: OAuthClient
  callback: URLSearchParams
  flow: SignInFlow
  redirectUri: string
  pkce: boolean
  oidcNonce?: string
  /**
   * How the token endpoint is reached when not by the global `fetch`: a Mastodon server's, bound to
   * the address checked for it (the name is the reader's, so it is not resolved again).
   */
  fetch?: (
    url: string,
    init: { method: string; headers: Record<string, string>; body: URLSearchParams },
  ) => Promise<Response>
  /** http allowed: a test server the network dep reaches on loopback under a name of its own. */
  insecure?: boolean
}) {
  // Loaded with the first code flow: a reader's cold start never needs it.
  const oauth = await import('oauth4webapi')
  const as = authorizationServer(options.server)
  const client = { client_id: options.client.clientId }
  const { clientSecret, auth } = options.client
  if (auth !== 'none' && !clientSecret) throw new UnavailableError()
  const clientAuth =
    auth === 'none'
      ? oauth.None()
      : auth === 'client_secret_basic'
        ? oauth.ClientSecretBasic(clientSecret ?? '')
        : oauth.ClientSecretPost(clientSecret ?? '')
  // http only for a token endpoint on this machine (a developer's or a test's own server).
  const insecure = options.insecure === true || isLoopbackHost(new URL(as.token_endpoint).hostname)
  try {
    const params = oauth.validateAuthResponse(as, client, options.callback, options.flow.state)
    const response = await oauth.authorizationCodeGrantRequest(
      as,
      client,
      clientAuth,
      params,
      options.redirectUri,
      options.pkce ? options.flow.verifier : oauth.nopkce,
      {
        signal: AbortSignal.timeout(TOKEN_TIMEOUT_MS),
        [oauth.allowInsecureRequests]: insecure,
        ...(options.fetch && { [oauth.customFetch]: options.fetch }),
      },
    )
    return await oauth.processAuthorizationCodeResponse(as, client, response, {
      ...(options.oidcNonce !== undefined && { expectedNonce: options.oidcNonce, requireIdToken: true }),
    })
  } catch (err) {
    throw translate(err, oauth)
  }
}
