import type { JWTVerifyGetKey } from 'jose'
import * as z from 'zod/mini'
import { InvalidTokenError, UnavailableError } from '../errors.js'

const TIMEOUT_MS = 3_000

// Module scope on purpose: a warm Lambda keeps its key sets and discovery documents.
const keySets = new Map<string, JWTVerifyGetKey>()
const discoveries = new Map<string, Promise<Discovery>>()

/**
 * A provider's published keys, fetched once per URL and cached (jose refetches on an unknown `kid`,
 * at most once per 30 s). jose itself loads with the first sign-in, not with every cold start.
 */
export function keySetAt(url: string): JWTVerifyGetKey {
  let keySet = keySets.get(url)
  if (!keySet) {
    const remote = import('jose').then(({ createRemoteJWKSet }) =>
      createRemoteJWKSet(new URL(url), { timeoutDuration: TIMEOUT_MS, cooldownDuration: 30_000 }),
    )
    keySet = async (header, token) => (await remote)(header, token)
    keySets.set(url, keySet)
  }
  return keySet
}

const DiscoverySchema = z.object({
  issuer: z.string(),
  jwks_uri: z.url(),
  authorization_endpoint: z.optional(z.url()),
  token_endpoint: z.optional(z.url()),
})
export type Discovery = z.infer<typeof DiscoverySchema>

async function fetchDiscovery(issuer: string): Promise<Discovery> {
  const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`
  let body: unknown
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'error' })
    if (!res.ok) throw new Error(`discovery answered ${res.status}`)
    body = await res.json()
  } catch (err) {
    throw new UnavailableError({ cause: err })
  }
  const parsed = DiscoverySchema.safeParse(body)
  // OpenID Connect Discovery 1.0 §4.3: the document's issuer must be exactly the issuer asked for.
  if (!parsed.success || parsed.data.issuer !== issuer) {
    throw new InvalidTokenError('the provider published an invalid discovery document')
  }
  return parsed.data
}

/**
 * An issuer's OpenID discovery document, fetched once and cached; a failed fetch is not cached.
 * @throws UnavailableError when the provider cannot be reached
 */
export function discover(issuer: string): Promise<Discovery> {
  let found = discoveries.get(issuer)
  if (!found) {
    found = fetchDiscovery(issuer)
    discoveries.set(issuer, found)
    found.catch(() => discoveries.delete(issuer))
  }
  return found
}
