import type { Keys } from '../crypto/keys.js'
import { unseal } from '../crypto/mac.js'
import type { SiteConfig } from '../sites/site-schema.js'

/** A form sent back sooner than this after the widget served it was filled in by a script. */
export const MIN_FORM_SECONDS = 3

const LINK = /\b(?:https?:\/\/|www\.)[^\s<>()]+|\]\([^)]*\)|<(?:https?|mailto):[^>]+>/gi

/** Links a reader wrote: bare URLs, `www.` hosts, Markdown links and autolinks. */
export const countLinks = (body: string) => body.match(LINK)?.length ?? 0

/** A blocklist entry: a word (whole word, any case) or a `/regex/flags` checked when the site was saved. */
export function matchesBlocklist(body: string, entries: readonly string[]): boolean {
  const lower = body.toLowerCase()
  return entries.some((entry) => {
    const regex = /^\/(.+)\/([a-z]*)$/s.exec(entry)
    if (regex) return new RegExp(regex[1] ?? '', (regex[2] ?? '').replace(/[gy]/g, '')).test(body)
    const word = entry.toLowerCase()
    const at = lower.indexOf(word)
    return (
      at >= 0 && new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(word)}($|[^\\p{L}\\p{N}])`, 'u').test(lower)
    )
  })
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** When the form token was issued (epoch ms), if it is one of ours for this site. */
function formIssuedAt(keys: Keys, siteId: string, token: string): number | undefined {
  const payload = unseal(keys.formToken, token)
  const [site, at] = payload?.split('.') ?? []
  return site === siteId && at ? Number.parseInt(at, 36) : undefined
}

/**
 * Why a new comment must be held for a moderator, if it must: the honeypot (always), and with the
 * site's heuristics on, too many links, the blocklist, and a form sent back too fast.
 * @returns reasons, each a stable word moderators see in the queue
 */
export function holdReasons(
  keys: Keys,
  site: SiteConfig,
  input: { body: string; hp?: string | undefined; formToken?: string | undefined },
  now: number,
): string[] {
  const reasons: string[] = []
  if (input.hp) reasons.push('honeypot')
  if (!site.spam.heuristics) return reasons
  if (countLinks(input.body) > site.limits.maxLinks) reasons.push('links')
  if (matchesBlocklist(input.body, site.spam.blocklist)) reasons.push('blocklist')
  if (input.formToken !== undefined) {
    const issuedAt = formIssuedAt(keys, site.id, input.formToken)
    if (issuedAt === undefined || now - issuedAt < MIN_FORM_SECONDS * 1000) reasons.push('speed')
  }
  return reasons
}

const SPAM_REASONS = new Set(['honeypot', 'blocklist', 'akismet'])

/** The status a held comment waits in: spam for the honeypot, the blocklist and Akismet, else pending. */
export const heldStatus = (reasons: string[]) =>
  reasons.some((r) => SPAM_REASONS.has(r)) ? ('spam' as const) : ('pending' as const)
