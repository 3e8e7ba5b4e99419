import { createHash, randomBytes } from 'node:crypto'
import * as z from 'zod/mini'
import { seal, unseal } from '../crypto/mac.js'
import { InvalidTokenError, UnavailableError } from '../errors.js'
import type { Provider } from '../sites/site-schema.js'
import { discover } from './key-sets.js'

/** How long a reader has to finish signing in at the provider. */
export const SIGN_IN_FLOW_SECONDS = 600

/** What the popup keeps between start and callback, sealed in an HttpOnly cookie on the API origin. */
const FlowSchema = z.object({
  state: z.string(),
  nonce: z.string(),
  verifier: z.string(),
  origin: z.string(),
  siteId: z.string(),
  providerId: z.string(),
  /** The authorization server a flow was started at when the provider has many (a Mastodon server's origin). */
  server: z.optional(z.string()),
  expiresAt: z.number(),
})
export type SignInFlow = z.infer<typeof FlowSchema>

// 32 bytes: 43 characters, the shortest PKCE verifier RFC 7636 allows.
const random = () => randomBytes(32).toString('base64url')

/**
 * A new flow between a popup's start and its callback: fresh `state`, `nonce` and PKCE verifier,
 * valid for {@link SIGN_IN_FLOW_SECONDS}, and sealed with `key` for the flow cookie.
 */
export function newSignInFlow(
  key: Buffer,
  options: { siteId: string; providerId: string; origin: string; now: number; server?: string | undefined },
) {
  const flow: SignInFlow = {
    state: random(),
    nonce: random(),
    verifier: random(),
    origin: options.origin,
    siteId: options.siteId,
    providerId: options.providerId,
    ...(options.server !== undefined && { server: options.server }),
    expiresAt: options.now + SIGN_IN_FLOW_SECONDS * 1000,
  }
  return { flow, sealed: seal(key, Buffer.from(JSON.stringify(flow)).toString('base64url')) }
}

/** The S256 PKCE challenge of a flow's verifier (RFC 7636). */
export const pkceChallenge = (verifier: string) => createHash('sha256').update(verifier).digest('base64url')

/**
 * Starts a redirect flow at an OpenID provider's authorization endpoint with `state` and `nonce`:
 * the authorization code flow with PKCE (S256), or an implicit `id_token` flow (Facebook's OIDC
 * flow for the web, which issues no codes to public clients).
 * @returns where to send the reader, and the sealed flow to keep in a cookie
 */
export function startRedirectFlow(
  key: Buffer,
  options: {
    authorizationEndpoint: string
    responseType: 'code' | 'id_token'
    clientId: string
    siteId: string
    providerId: string
    origin: string
    redirectUri: string
    now: number
  },
) {
  const { flow, sealed } = newSignInFlow(key, options)
  const params = new URLSearchParams({
    response_type: options.responseType,
    client_id: options.clientId,
    redirect_uri: options.redirectUri,
    scope: 'openid profile email',
    state: flow.state,
    nonce: flow.nonce,
  })
  if (options.responseType === 'code') {
    params.set('code_challenge', pkceChallenge(flow.verifier))
    params.set('code_challenge_method', 'S256')
  }
  const url = new URL(options.authorizationEndpoint)
  url.search = params.toString()
  return { url: url.href, sealed }
}

/**
 * The flow a callback belongs to: sealed by us, unexpired, for this site and provider, same `state`.
 * @throws InvalidTokenError otherwise
 */
export function resumeFlow(
  key: Buffer,
  sealed: string | undefined,
  expected: { siteId: string; providerId: string; state: string; now: number },
): SignInFlow {
  const payload = sealed && unseal(key, sealed)
  const parsed = payload
    ? FlowSchema.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString()))
    : undefined
  const flow = parsed?.success ? parsed.data : undefined
  if (
    !flow ||
    flow.expiresAt < expected.now ||
    flow.siteId !== expected.siteId ||
    flow.providerId !== expected.providerId ||
    flow.state !== expected.state
  ) {
    throw new InvalidTokenError('this sign-in was not started here, or it expired: please try again')
  }
  return flow
}

/**
 * Exchanges an OpenID provider's authorization code for its ID token with oauth4webapi (public
 * client, the flow's PKCE verifier; `state`, `iss` and the ID token's `nonce` checked). The token
 * is then verified like any other ID token (keys, algorithms, claims).
 * @throws InvalidTokenError when the provider refuses the code or answers something else
 * @throws UnavailableError when the provider cannot be reached
 */
export async function redeemCode(
  provider: Extract<Provider, { type: 'oidc' }>,
  options: { flow: SignInFlow; callback: URLSearchParams; redirectUri: string },
): Promise<string> {
  const { issuer, authorization_endpoint, token_endpoint } = await discover(provider.issuer)
  if (!token_endpoint || !authorization_endpoint) throw new UnavailableError()
  // Loaded with the first code to redeem, like the flow itself.
  const { finishCodeFlow } = await import('./oauth/code-flow.js')
  const tokens = await finishCodeFlow({
    server: { issuer, authorizationEndpoint: authorization_endpoint, tokenEndpoint: token_endpoint },
    client: { clientId: provider.clientId, auth: 'none' },
    callback: options.callback,
    flow: options.flow,
    redirectUri: options.redirectUri,
    pkce: true,
    oidcNonce: options.flow.nonce,
  })
  if (typeof tokens.id_token !== 'string')
    throw new InvalidTokenError('the provider did not accept the sign-in')
  return tokens.id_token
}
