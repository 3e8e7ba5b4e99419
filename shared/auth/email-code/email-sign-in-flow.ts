import * as z from 'zod/mini'
import type { Keys } from '../../crypto/keys.js'
import { openSecret, sealSecret } from '../../crypto/stored-secrets.js'
import { InvalidTokenError } from '../../errors.js'
import { CODE_SECONDS } from './sign-in-codes.js'

/**
 * What the e-mail popup keeps between its steps, in an HttpOnly cookie on the API origin: the
 * opener's origin (checked when the popup started), then the address and the name the reader
 * typed. Encrypted, not only sealed: the address is in no page, URL or readable cookie.
 */
const EmailFlowSchema = z.object({
  siteId: z.string(),
  providerId: z.string(),
  /** The opener's origin, checked against the site's when the popup started. */
  origin: z.string(),
  expiresAt: z.number(),
  /** Once a code was mailed: the address it went to and the name the reader gave (both validated). */
  reader: z.optional(z.object({ address: z.string(), name: z.optional(z.string()) })),
})
export type EmailFlow = z.infer<typeof EmailFlowSchema>

const CONTEXT = 'email-sign-in-flow'

/** A step of the popup without its flow (no cookie, another's, a changed or stale one): start again. */
export class EmailFlowLostError extends InvalidTokenError {
  constructor() {
    super('this sign-in was not started here, or it expired: please start again')
  }
}

/** The flow sealed for its cookie, good for as long as a code is. */
export function sealEmailFlow(keys: Keys, flow: Omit<EmailFlow, 'expiresAt'>, now: number): string {
  const sealed: EmailFlow = { ...flow, expiresAt: now + CODE_SECONDS * 1000 }
  return sealSecret(keys, JSON.stringify(sealed), CONTEXT)
}

/**
 * The flow of a popup step: sealed by us, unexpired, for this site and provider.
 * @throws EmailFlowLostError (an InvalidTokenError) otherwise: a missing, foreign, changed or stale cookie
 */
export function openEmailFlow(
  keys: Keys,
  sealed: string | undefined,
  expected: { siteId: string; providerId: string; now: number },
): EmailFlow {
  let flow: EmailFlow | undefined
  try {
    const parsed = sealed
      ? EmailFlowSchema.safeParse(JSON.parse(openSecret(keys, sealed, CONTEXT)))
      : undefined
    flow = parsed?.success ? parsed.data : undefined
  } catch {
    flow = undefined
  }
  if (
    !flow ||
    flow.expiresAt < expected.now ||
    flow.siteId !== expected.siteId ||
    flow.providerId !== expected.providerId
  )
    throw new EmailFlowLostError()
  return flow
}
