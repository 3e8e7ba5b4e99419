import { randomInt } from 'node:crypto'
import type { Clock } from '../../clock.js'
import { keyedHash } from '../../crypto/ip-hash.js'
import type { Keys } from '../../crypto/keys.js'
import { mac } from '../../crypto/mac.js'
import { InvalidTokenError, invalidField, UnavailableError } from '../../errors.js'
import type { Logger } from '../../log.js'
import { composeSignInCodeMail } from '../../mail/compose-sign-in-code-mail.js'
import type { Mailer } from '../../mail/mail-message.js'
import { MailNotSentError } from '../../mail/mail-not-sent-error.js'
import type { SuppressionList } from '../../mail/suppression-list.js'
import type { SiteConfig } from '../../sites/site-schema.js'
import type { Identity } from '../identity.js'
import type { CodeTarget, GuessResult, SignInCodes } from './sign-in-codes.js'

/** Codes an address may be sent an hour (the contract's limit). */
export const CODES_PER_ADDRESS_PER_HOUR = 3
/** Codes one IP may ask for an hour, whatever the addresses: nobody mail-bombs many addresses. */
export const CODES_PER_IP_PER_HOUR = 10
/** Who vouches for an e-mail identity: this deployment, by the code it mailed. */
export const EMAIL_ISSUER = 'urn:parley:email'

/** How this deployment mails: absent when it sends no mail, and then nobody signs in by e-mail. */
export interface SignInMail {
  mailer: Mailer
  /** The deployment's From; a site's `notifications.from` comes first. */
  from: string
}

/** What signing in by e-mail needs: the app's deps as they are. */
export interface EmailSignInDeps {
  keys: Keys
  clock: Clock
  log: Logger
  signInCodes: SignInCodes
  suppressions: Pick<SuppressionList, 'isSuppressed'>
  signInMail: SignInMail | undefined
}

/**
 * Refuses sign-in by e-mail on a deployment that sends no mail.
 * @throws ValidationError naming the provider
 */
export function requireSignInMail(mail: SignInMail | undefined): SignInMail {
  if (!mail)
    throw invalidField('#/providerId', 'sign-in by e-mail is unavailable: this service sends no mail')
  return mail
}

const targetOf = (
  deps: EmailSignInDeps,
  siteId: string,
  providerId: string,
  address: string,
): CodeTarget => ({
  siteId,
  providerId,
  addressHash: keyedHash(deps.keys, 'email', address),
})

/** The HMAC a code is kept and compared as, bound to whose code it is. */
const codeMac = (keys: Keys, target: CodeTarget, code: string) =>
  mac(keys.signInFlow, `email-code\n${target.siteId}\n${target.providerId}\n${target.addressHash}\n${code}`)

/**
 * Mails a new six-digit code to `address` (already normalised) for one of the site's `email`
 * providers, replacing any earlier one; answers once the transport has accepted it (the reader is
 * waiting for it). An address on the suppression list is sent nothing, and the caller is not told.
 * @throws ValidationError when the deployment sends no mail
 * @throws RateLimitedError past the address's or the IP's hourly codes (nothing kept, nothing sent)
 * @throws UnavailableError when the store or the mail transport fails
 */
export async function sendSignInCode(
  deps: EmailSignInDeps,
  site: SiteConfig,
  providerId: string,
  input: { address: string; ipHash: string },
): Promise<void> {
  const mail = requireSignInMail(deps.signInMail)
  const now = deps.clock()
  const target = targetOf(deps, site.id, providerId, input.address)
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0')
  const sealed = codeMac(deps.keys, target, code)
  await deps.signInCodes.keep(
    target,
    sealed,
    [
      { key: `code#${target.addressHash}`, limit: CODES_PER_ADDRESS_PER_HOUR },
      { key: `codeip#${input.ipHash}`, limit: CODES_PER_IP_PER_HOUR },
    ],
    now,
  )
  // Counted and kept like any other, so a suppressed address looks no different from outside.
  if (await deps.suppressions.isSuppressed(target.addressHash)) {
    deps.log('info', 'sign-in code not mailed: the address is suppressed', { siteId: site.id, providerId })
    return
  }
  const message = composeSignInCodeMail({
    site,
    to: input.address,
    from: site.notifications.from ?? mail.from,
    code,
  })
  try {
    await mail.mailer.send(message)
  } catch (err) {
    await deps.signInCodes.discard(target, sealed)
    // The transport's own error may quote the address: only its class reaches the log.
    const failure = err instanceof MailNotSentError ? err.message : 'the mailer failed'
    deps.log('warn', 'sign-in code not mailed', { siteId: site.id, providerId, failure })
    throw new UnavailableError()
  }
}

const REFUSALS: Record<Exclude<GuessResult, { ok: true }>['reason'], string> = {
  wrong: 'this code is not the one we sent',
  missing: 'no code is waiting for this address: ask for a new one',
  expired: 'this code has expired: ask for a new one',
  locked: 'too many wrong codes: ask for a new one',
  used: 'this code was already used',
}

/**
 * Checks the code typed for `address` and, when it is the one mailed, consumes it and answers the
 * identity it proves: the subject a keyed hash of the address (no id or key carries the address),
 * the address itself verified.
 * @throws InvalidTokenError for a wrong, expired, used or locked code (the 6th guess is refused)
 * @throws UnavailableError when the store fails
 */
export async function verifySignInCode(
  deps: EmailSignInDeps,
  site: SiteConfig,
  providerId: string,
  input: { address: string; code: string; name?: string | undefined },
): Promise<Identity> {
  const target = targetOf(deps, site.id, providerId, input.address)
  const result = await deps.signInCodes.guess(target, codeMac(deps.keys, target, input.code), deps.clock())
  if (!result.ok) {
    if (result.reason !== 'wrong') throw new InvalidTokenError(REFUSALS[result.reason])
    const { triesLeft } = result
    throw new InvalidTokenError(
      triesLeft > 0
        ? `${REFUSALS.wrong} (${triesLeft} ${triesLeft === 1 ? 'try' : 'tries'} left)`
        : REFUSALS.locked,
    )
  }
  return {
    issuer: EMAIL_ISSUER,
    subject: mac(deps.keys.ipHash, `email-subject:${input.address}`).slice(0, 32),
    name: input.name,
    email: input.address,
    emailVerified: true,
  }
}
