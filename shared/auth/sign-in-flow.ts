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
  expiresAt: z.number(),
})
export type SignInFlow = z.infer<typeof FlowSchema>

// 32 bytes: 43 characters, the shortest PKCE verifier RFC 7636 allows.
const random = () => randomBytes(32).toString('base64url')

/**
 * Starts a redirect flow at a provider's authorization endpoint with `state` and `nonce`: the
 * authorization code flow with PKCE (S256) for OpenID providers, or an implicit `id_token` flow
 * (Facebook's OIDC flow for the web, which issues no codes to public clients).
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
  const flow: SignInFlow = {
    state: random(),
    nonce: random(),
    verifier: random(),
    origin: options.origin,
    siteId: options.siteId,
    providerId: options.providerId,
    expiresAt: options.now + SIGN_IN_FLOW_SECONDS * 1000,
  }
  const params = new URLSearchParams({
    response_type: options.responseType,
    client_id: options.clientId,
    redirect_uri: options.redirectUri,
    scope: 'openid profile email',
    state: flow.state,
    nonce: flow.nonce,
  })
  if (options.responseType === 'code') {
    params.set('code_challenge', createHash('sha256').update(flow.verifier).digest('base64url'))
    params.set('code_challenge_method', 'S256')
  }
  const url = new URL(options.authorizationEndpoint)
  url.search = params.toString()
  return { url: url.href, sealed: seal(key, Buffer.from(JSON.stringify(flow)).toString('base64url')) }
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
 * Exchanges an authorization code for the provider's ID token (public client, PKCE verifier).
 * @throws InvalidTokenError when the provider refuses the code
 * @throws UnavailableError when the provider cannot be reached
 */
export async function redeemCode(
  provider: Extract<Provider, { type: 'oidc' }>,
  options: { code: string; verifier: string; redirectUri: string },
): Promise<string> {
  const { token_endpoint } = await discover(provider.issuer)
  if (!token_endpoint) throw new UnavailableError()
  let res: Response
  try {
    res = await fetch(token_endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: options.code,
        redirect_uri: options.redirectUri,
        client_id: provider.clientId,
        code_verifier: options.verifier,
      }),
      signal: AbortSignal.timeout(5_000),
      redirect: 'error',
    })
  } catch (err) {
    throw new UnavailableError({ cause: err })
  }
  const body: unknown = await res.json().catch(() => undefined)
  const idToken = body && typeof body === 'object' && 'id_token' in body ? body.id_token : undefined
  if (!res.ok || typeof idToken !== 'string')
    throw new InvalidTokenError('the provider did not accept the sign-in')
  return idToken
}
