import * as z from 'zod/mini'
import type { Keys } from '../crypto/keys.js'
import { InvalidTokenError } from '../errors.js'

/** How long a mail link works: long enough for a holiday, short enough that old mail goes stale. */
export const MAIL_TOKEN_SECONDS = 7 * 24 * 3600
/** Longer than any token this module signs: anything longer is refused before it is parsed. */
const MAX_TOKEN_LENGTH = 2048
const TYPE = 'parley-mail+jwt'
const ISSUER = 'urn:parley:mail'

/** Who a mail was for: a signed-in reader by user id, a guest (or moderator) by keyed e-mail hash. */
export type MailPerson = { userId: string } | { emailHash: string }
export type MailPurpose = 'confirm' | 'unsubscribe' | 'moderate'
export type ModerationMailAction = 'approve' | 'reject' | 'spam'

/** What a mail link may do, one purpose per token. */
export type MailToken =
  /** Follows a confirmation mail: replies to this address are then mailed (double opt-in). */
  | { purpose: 'confirm'; siteId: string; emailHash: string }
  /** Stops one kind of mail to one person on one site. */
  | { purpose: 'unsubscribe'; siteId: string; person: MailPerson; kind: 'replies' | 'moderation' }
  /** One moderator's one action on one comment; `emailHash` is the moderator's address. */
  | {
      purpose: 'moderate'
      siteId: string
      commentId: string
      action: ModerationMailAction
      emailHash: string
    }

export type MailTokenOf<P extends MailPurpose> = Extract<MailToken, { purpose: P }>

const Id = z.string().check(z.minLength(1), z.maxLength(128))

/** The claims of each purpose, in short names: the token travels in a URL. */
const CLAIMS = {
  confirm: z.object({ s: Id, e: Id }),
  unsubscribe: z.object({
    s: Id,
    u: z.optional(Id),
    e: z.optional(Id),
    k: z.enum(['replies', 'moderation']),
  }),
  moderate: z.object({ s: Id, c: Id, a: z.enum(['approve', 'reject', 'spam']), e: Id }),
}

function claimsOf(token: MailToken): Record<string, string> {
  switch (token.purpose) {
    case 'confirm':
      return { s: token.siteId, e: token.emailHash }
    case 'unsubscribe':
      return {
        s: token.siteId,
        ...('userId' in token.person ? { u: token.person.userId } : { e: token.person.emailHash }),
        k: token.kind,
      }
    case 'moderate':
      return { s: token.siteId, c: token.commentId, a: token.action, e: token.emailHash }
  }
}

function tokenOf(purpose: MailPurpose, payload: unknown): MailToken | undefined {
  switch (purpose) {
    case 'confirm': {
      const r = CLAIMS.confirm.safeParse(payload)
      return r.success ? { purpose, siteId: r.data.s, emailHash: r.data.e } : undefined
    }
    case 'unsubscribe': {
      const r = CLAIMS.unsubscribe.safeParse(payload)
      if (!r.success) return undefined
      const { s, u, e, k } = r.data
      // Exactly one of the two: a token naming both people (or neither) was not signed here.
      if ((u === undefined) === (e === undefined)) return undefined
      const person = u !== undefined ? { userId: u } : { emailHash: e ?? '' }
      return { purpose, siteId: s, person, kind: k }
    }
    case 'moderate': {
      const r = CLAIMS.moderate.safeParse(payload)
      if (!r.success) return undefined
      const { s, c, a, e } = r.data
      return { purpose, siteId: s, commentId: c, action: a, emailHash: e }
    }
  }
}

/** Each purpose is its own audience: a link of one kind never works as another. */
const audienceOf = (purpose: MailPurpose) => `parley:mail:${purpose}`

/** Signs a mail link's token (HS256 with the mail-token key), valid {@link MAIL_TOKEN_SECONDS} from `now`. */
export async function signMailToken(keys: Keys, token: MailToken, now: number): Promise<string> {
  const { SignJWT } = await import('jose')
  const iat = Math.floor(now / 1000)
  return new SignJWT(claimsOf(token))
    .setProtectedHeader({ alg: 'HS256', typ: TYPE })
    .setIssuer(ISSUER)
    .setAudience(audienceOf(token.purpose))
    .setIssuedAt(iat)
    .setExpirationTime(iat + MAIL_TOKEN_SECONDS)
    .sign(keys.mailToken)
}

/**
 * The token of a mail link, if it is one of `purpose` this deployment signed and it has not expired.
 * @throws InvalidTokenError for anything else: tampered, expired, of another purpose or deployment
 */
export async function verifyMailToken<P extends MailPurpose>(
  keys: Keys,
  purpose: P,
  value: string,
  now: number,
): Promise<MailTokenOf<P>> {
  const invalid = () => new InvalidTokenError('this link is not valid, or it has expired')
  if (value.length > MAX_TOKEN_LENGTH) throw invalid()
  const { jwtVerify } = await import('jose')
  let payload: unknown
  try {
    ;({ payload } = await jwtVerify(value, keys.mailToken, {
      algorithms: ['HS256'],
      typ: TYPE,
      issuer: ISSUER,
      audience: audienceOf(purpose),
      requiredClaims: ['iat', 'exp'],
      currentDate: new Date(now),
    }))
  } catch {
    throw invalid()
  }
  const token = tokenOf(purpose, payload)
  if (!token) throw invalid()
  return token as MailTokenOf<P>
}

/**
 * The absolute URL of a mail link: `${apiOrigin}/v1/mail/<purpose>?token=…`.
 * @throws TypeError when `apiOrigin` is not an absolute URL (a deployment's misconfigured API_ORIGIN)
 */
export const mailLink = (apiOrigin: string, purpose: MailPurpose, token: string) =>
  `${new URL(apiOrigin).origin}/v1/mail/${purpose}?token=${encodeURIComponent(token)}`
