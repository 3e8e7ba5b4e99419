// The checks of a site config's URLs and addresses that a schema cannot say: each takes the raw string.

/** `scheme://host[:port]` and nothing after: how a browser names an origin. */
export const isOrigin = (value: string) => {
  try {
    const url = new URL(value)
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value
  } catch {
    return false
  }
}

/**
 * Whether a URL's `hostname` names this machine: `localhost`, `[::1]` or 127.0.0.0/8 (the URL
 * parser has already normalised `127.1`, `0x7f.1` and long IPv6 forms to these).
 */
export const isLoopbackHost = (hostname: string) =>
  hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname)

/** An `https:` URL, or `http:` on a loopback host (a developer's own server); undefined for neither. */
const secureOrLoopback = (value: string): URL | undefined => {
  try {
    const url = new URL(value)
    const ok = url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname))
    return ok ? url : undefined
  } catch {
    return undefined
  }
}

/** `https://idp.example`, or `http:` on a loopback host only (a developer's own provider). */
export const isIssuer = (value: string) => secureOrLoopback(value) !== undefined

/**
 * What a webhook URL must be when saved: `https:`, or `http:` on a loopback host, no user or
 * password. Whether its host resolves to a private address is checked apart (it needs DNS), when
 * saved and again at each delivery.
 */
export const isWebhookUrl = (value: string) => {
  const url = secureOrLoopback(value)
  return url !== undefined && !url.username && !url.password
}

const ADDRESS = String.raw`[^\s<>()",;:@\\\p{Cc}]+@[^\s<>()",;:@\\\p{Cc}]+\.[^\s<>()",;:@\\\p{Cc}]+`
const DISPLAY_NAME = String.raw`(?:"[^"\\\p{Cc}]*"|[^<>()",;:@\\\p{Cc}]*?)`
/**
 * `addr`, `Name <addr>` or `"Name, with commas" <addr>`: one address, nothing a header parser splits
 * on. Made on the first save that has a From: a `u` pattern with property escapes costs V8 about
 * half a millisecond to construct, and this module is on a reader's cold start.
 */
let mailFrom: RegExp | undefined
const MAIL_FROM = () => {
  mailFrom ??= new RegExp(String.raw`^(?:${ADDRESS}|${DISPLAY_NAME}\s*<${ADDRESS}>)$`, 'u')
  return mailFrom
}

/**
 * What a site's `notifications.from` must be: one address, bare or with a display name, and no line
 * break or control character (a From is a header: anything else could inject one, or fail every
 * mail of the site at send time instead of at save).
 */
export const isMailFrom = (value: string) => MAIL_FROM().test(value)

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/
/**
 * A DNS host name of a public server (`mastodon.social`): at least two labels of a-z, 0-9 and `-`
 * (lower case, as the schema makes it), and a last label that is not all digits, so no IPv4
 * address, in any of the forms a URL parser accepts, passes; IPv6 has colons and never does.
 */
export const isDnsHostName = (value: string) => {
  const labels = value.split('.')
  return (
    value.length <= 253 &&
    labels.length >= 2 &&
    labels.every((label) => LABEL.test(label)) &&
    !/^\d+$/.test(labels.at(-1) ?? '')
  )
}
