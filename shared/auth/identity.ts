/**
 * Who a provider says the reader is, however it said it (a verified ID token, a profile API after
 * an OAuth code flow, a code sent by mail). `issuer` and `subject` identify; the rest describes.
 */
export interface Identity {
  /** Who vouches for the subject: an ID token's `iss`, `https://github.com`, a Mastodon server's origin. */
  issuer: string
  /** The provider's stable id of the reader, as a string (GitHub's numeric id too). */
  subject: string
  name?: string | undefined
  /** A handle (`octocat`): the name shown when the provider gives no display name. */
  username?: string | undefined
  picture?: string | undefined
  email?: string | undefined
  /** Only when the provider says so: an address it has not verified is never kept. */
  emailVerified: boolean
  /**
   * What moderators and bans name the reader by, when the subject is unique only per issuer and one
   * provider has many (Mastodon: `<account id>@<server>`; anyone may run a server and pick ids).
   */
  listedAs?: string | undefined
}

/** Trimmed, at most `max` characters; undefined for anything that is not a non-blank string. */
export const cleanText = (value: unknown, max: number) =>
  typeof value === 'string' && value.trim() ? value.trim().slice(0, max) : undefined

/** An `https:` picture URL short enough to travel in a session (longer ones are dropped, not cut). */
export const cleanPictureUrl = (value: unknown) => {
  const s = typeof value === 'string' ? value.trim() : ''
  return s.startsWith('https://') && Buffer.byteLength(s) <= 1024 && URL.canParse(s) ? s : undefined
}
