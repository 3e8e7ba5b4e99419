import type { Keys } from '../crypto/keys.js'
import { InvalidTokenError } from '../errors.js'
import { type SigningKey, signingKeyFromSeed } from './session-keys.js'

export const SESSION_TYPE = 'parley-session+jwt'
export const SESSION_SECONDS = 30 * 24 * 3600

/**
 * What a session says: the user, the identity it was made from (to recognise moderators), and the
 * profile at sign-in, so posting a comment needs no read of the user record.
 */
export interface Session {
  userId: string
  siteId: string
  providerId: string
  providerType: string
  subject: string
  name: string
  avatar: string | null
  expiresAt: number
}

const str = (value: unknown) => (typeof value === 'string' ? value : undefined)

/** The key pair sessions are signed with, and every pair whose sessions are accepted, by `kid`. */
function keyPairsOf(keys: Keys) {
  const current = signingKeyFromSeed(keys.session)
  const accepted = new Map<string, SigningKey>([[current.kid, current]])
  if (keys.previousSession) {
    const previous = signingKeyFromSeed(keys.previousSession)
    accepted.set(previous.kid, previous)
  }
  return { current, accepted }
}

/** Signs and verifies the service's own sessions: EdDSA, one site each, current and previous key. */
export function createSessions(keys: Keys, issuer: string) {
  // Made on first use, like jose is loaded: a reader's first request (a list) needs neither.
  let signingKeys: ReturnType<typeof keyPairsOf> | undefined
  const keyPairs = () => (signingKeys ??= keyPairsOf(keys))

  return {
    /** A session token for one site, valid {@link SESSION_SECONDS}. */
    async issue(
      session: Omit<Session, 'expiresAt'>,
      now: number,
    ): Promise<{ token: string; expiresAt: number }> {
      const iat = Math.floor(now / 1000)
      const exp = iat + SESSION_SECONDS
      const claims = {
        pid: session.providerId,
        ptype: session.providerType,
        psub: session.subject,
        name: session.name,
        ...(session.avatar !== null && { pic: session.avatar }),
      }
      const { SignJWT } = await import('jose')
      const { current } = keyPairs()
      const token = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'EdDSA', kid: current.kid, typ: SESSION_TYPE })
        .setIssuer(issuer)
        .setAudience(session.siteId)
        .setSubject(session.userId)
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .sign(current.privateKey)
      return { token, expiresAt: exp * 1000 }
    },

    /**
     * @throws InvalidTokenError for a token that is not a live session of this site
     */
    async verify(token: string, siteId: string, now: number): Promise<Session> {
      let payload: Record<string, unknown>
      const { errors, jwtVerify } = await import('jose')
      const { accepted } = keyPairs()
      try {
        if (token.length > 8192) throw new InvalidTokenError()
        ;({ payload } = await jwtVerify(
          token,
          (header) => {
            const key = header.kid === undefined ? undefined : accepted.get(header.kid)
            if (!key) throw new errors.JWKSNoMatchingKey()
            return key.publicKey
          },
          {
            algorithms: ['EdDSA'],
            typ: SESSION_TYPE,
            issuer,
            audience: siteId,
            requiredClaims: ['sub', 'exp', 'iat'],
            currentDate: new Date(now),
          },
        ))
      } catch {
        throw new InvalidTokenError('the session is not valid for this site')
      }
      const [sub, pid, ptype, psub, exp] = [
        str(payload.sub),
        str(payload.pid),
        str(payload.ptype),
        str(payload.psub),
        payload.exp,
      ]
      if (!sub || !pid || !ptype || !psub || typeof exp !== 'number')
        throw new InvalidTokenError('the session is not valid')
      return {
        userId: sub,
        siteId,
        providerId: pid,
        providerType: ptype,
        subject: psub,
        name: str(payload.name) ?? 'Reader',
        avatar: str(payload.pic) ?? null,
        expiresAt: exp * 1000,
      }
    },

    /** The site a token claims to be for, unverified: only to pick how to answer an admin route. */
    claimedSite(token: string): string | undefined {
      try {
        const [, body] = token.split('.')
        const aud: unknown = JSON.parse(Buffer.from(body ?? '', 'base64url').toString()).aud
        return typeof aud === 'string' ? aud : undefined
      } catch {
        return undefined
      }
    },
  }
}

export type Sessions = ReturnType<typeof createSessions>
