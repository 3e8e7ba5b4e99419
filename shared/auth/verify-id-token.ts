import type { JWTPayload, JWTVerifyGetKey } from 'jose'
import { InvalidTokenError, UnavailableError } from '../errors.js'
import type { IdTokenProvider } from '../sites/site-schema.js'
import { cleanPictureUrl, cleanText, type Identity } from './identity.js'
import { discover, keySetAt } from './key-sets.js'
import type { ProviderEndpoints } from './provider-endpoints.js'

/** Refused before any parsing: real ID tokens are a few kilobytes at most. */
export const MAX_ID_TOKEN_BYTES = 8 * 1024
const CLOCK_TOLERANCE_S = 60
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const DEFAULT_OIDC_ALGORITHMS = ['RS256', 'ES256', 'PS256', 'EdDSA']

interface Rules {
  keys: JWTVerifyGetKey
  algorithms: string[]
  issuer?: string | string[]
  /** Provider-specific claims jose does not know. */
  check?: (payload: JWTPayload) => void
}

const claimFails = (claim: string) => new InvalidTokenError(`the token's "${claim}" claim is not valid`)

async function rulesFor(provider: IdTokenProvider, endpoints: ProviderEndpoints): Promise<Rules> {
  switch (provider.type) {
    case 'google':
      return {
        keys: keySetAt(endpoints.google.jwks),
        algorithms: ['RS256'],
        issuer: ['accounts.google.com', 'https://accounts.google.com'],
        check: (p) => {
          if (p.azp !== undefined && p.azp !== provider.clientId) throw claimFails('azp')
        },
      }
    case 'apple':
      return {
        keys: keySetAt(endpoints.apple.jwks),
        algorithms: ['RS256'],
        issuer: 'https://appleid.apple.com',
      }
    case 'microsoft':
      return {
        keys: keySetAt(endpoints.microsoft.jwks),
        algorithms: ['RS256'],
        // Multi-tenant: the issuer names the reader's tenant, never `common` or `organizations`.
        check: (p) => {
          if (typeof p.tid !== 'string' || !GUID.test(p.tid)) throw claimFails('tid')
          if (p.iss !== `https://login.microsoftonline.com/${p.tid}/v2.0`) throw claimFails('iss')
          if (provider.tenants && !provider.tenants.includes(p.tid.toLowerCase())) throw claimFails('tid')
        },
      }
    case 'facebook': {
      const discovery = await discover(endpoints.facebook.issuer)
      return { keys: keySetAt(discovery.jwks_uri), algorithms: ['RS256'], issuer: discovery.issuer }
    }
    case 'oidc': {
      const discovery = await discover(provider.issuer)
      return {
        keys: keySetAt(discovery.jwks_uri),
        algorithms: provider.algorithms ?? DEFAULT_OIDC_ALGORITHMS,
        issuer: provider.issuer,
      }
    }
  }
}

/** Providers send booleans, Apple sometimes the strings "true"/"false". */
const isTrue = (value: unknown) => value === true || value === 'true'

function translate(err: unknown, errors: typeof import('jose').errors): Error {
  if (err instanceof InvalidTokenError || err instanceof UnavailableError) return err
  if (err instanceof errors.JWKSTimeout || (err instanceof TypeError && err.message === 'fetch failed')) {
    return new UnavailableError({ cause: err })
  }
  if (err instanceof errors.JWTClaimValidationFailed) return claimFails(err.claim)
  const code = err instanceof errors.JOSEError ? err.code : undefined
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return new InvalidTokenError('the token has expired')
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return new InvalidTokenError('the token is signed with an algorithm that is not allowed')
    case 'ERR_JWKS_NO_MATCHING_KEY':
      return new InvalidTokenError('the token is signed with a key the provider does not publish')
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return new InvalidTokenError('the token signature is not valid')
    default:
      return new InvalidTokenError('the token is malformed or not supported')
  }
}

/**
 * Verifies a provider's ID token: algorithm allow-list, `iss`, `aud`, `exp`, `iat`, `sub`, and the
 * provider's own rules. Keys come from the provider's published key set, never from the token.
 * @throws InvalidTokenError for any token that is not exactly right
 * @throws UnavailableError when the provider's keys cannot be fetched
 */
export async function verifyIdToken(
  provider: IdTokenProvider,
  token: string,
  options: { endpoints: ProviderEndpoints; now: number; nonce?: string },
): Promise<Identity> {
  if (Buffer.byteLength(token) > MAX_ID_TOKEN_BYTES) throw new InvalidTokenError('the token is too large')
  // jose loads with the first sign-in, not with every cold start.
  const { errors, jwtVerify } = await import('jose')
  try {
    const rules = await rulesFor(provider, options.endpoints)
    const { payload } = await jwtVerify(token, rules.keys, {
      algorithms: rules.algorithms,
      audience: provider.clientId,
      ...(rules.issuer !== undefined && { issuer: rules.issuer }),
      requiredClaims: ['iss', 'aud', 'exp', 'iat', 'sub'],
      clockTolerance: CLOCK_TOLERANCE_S,
      // Also makes jose refuse an `iat` in the future.
      maxTokenAge: '1 day',
      currentDate: new Date(options.now),
    })
    rules.check?.(payload)
    if (options.nonce !== undefined && payload.nonce !== options.nonce) throw claimFails('nonce')
    if (typeof payload.sub !== 'string' || !payload.sub || typeof payload.iss !== 'string')
      throw claimFails('sub')
    return {
      issuer: payload.iss,
      subject: payload.sub,
      name: cleanText(payload.name, 80),
      username: cleanText(payload.preferred_username, 80),
      picture: cleanPictureUrl(payload.picture),
      email: cleanText(payload.email, 254),
      emailVerified: isTrue(payload.email_verified),
    }
  } catch (err) {
    throw translate(err, errors)
  }
}
