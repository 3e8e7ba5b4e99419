import { isIP } from 'node:net'
import { invalidField } from '../../errors.js'
import { isDnsHostName } from '../../sites/site-url-checks.js'

/** Where the reader's server is named in the popup's form (and in every problem about it). */
export const SERVER_POINTER = '#/server'

// `@me@mastodon.social` or `me@mastodon.social`: a handle, of which only the server counts.
const HANDLE = /^@?[a-z0-9_]+(?:[.-][a-z0-9_]+)*@([^@/\s]+)$/i

const refuse = (detail: string) => invalidField(SERVER_POINTER, detail)

/** What the reader typed, as `https://…` or a bare name; a URL only when it names nothing but a host. */
function hostOf(typed: string): string {
  const handle = HANDLE.exec(typed)
  const value = handle?.[1] ?? typed
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) && !/^https:\/\//i.test(value))
    throw refuse('must be reached over https')
  let url: URL
  try {
    url = new URL(/^https:\/\//i.test(value) ? value : `https://${value}`)
  } catch {
    throw refuse('is not a server name')
  }
  if (url.username || url.password) throw refuse('must not carry a user name or password')
  if (url.port) throw refuse('must not name a port')
  if (url.pathname !== '/' || url.search || url.hash) throw refuse('must be a server name, not a page')
  return url.hostname
}

/**
 * The DNS host name of the Mastodon server the reader typed: `mastodon.social`,
 * `https://mastodon.social/` and `@me@mastodon.social` all give `mastodon.social` (lower-case,
 * punycode, no trailing dot). IP literals in every form the URL parser knows (decimal, octal, hex,
 * bracketed IPv6), `localhost`, single labels, ports, paths and user info are refused: a server is
 * named, and where that name leads is checked apart ({@link resolveServer}).
 * @throws ValidationError (pointer `#/server`) when the input names no host
 */
export function parseServerName(typed: string): string {
  const trimmed = typed.trim()
  if (trimmed.length === 0 || trimmed.length > 300) throw refuse('must be a server name like mastodon.social')
  const host = hostOf(trimmed).replace(/\.$/, '')
  // The URL parser has turned `2130706433`, `0177.0.0.1` and `0x7f.1` into dotted IPv4 already.
  if (isIP(host.replace(/^\[|\]$/g, ''))) throw refuse('must be a name, not an IP address')
  if (host === 'localhost' || host.endsWith('.localhost')) throw refuse('must be a public server')
  // Two labels at least, and a last one not all digits: what is left of an IP form the parser kept.
  if (!isDnsHostName(host)) throw refuse('is not a server name')
  return host
}

/**
 * Whether a site admits a server: any, unless it lists `servers` (each compared as parsed).
 * @throws ValidationError (pointer `#/server`) when the site lists servers and this is not one
 */
export function admitServer(host: string, servers: readonly string[] | undefined): void {
  if (servers === undefined) return
  const listed = servers.some((server) => {
    try {
      return parseServerName(server) === host
    } catch {
      return false
    }
  })
  if (!listed) throw refuse('is not one of the servers this site accepts')
}
