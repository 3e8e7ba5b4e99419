import type { MiddlewareHandler } from 'hono'

/**
 * The security headers of every answer: those of Hono's `secureHeaders()` defaults, but for
 * `Cross-Origin-Resource-Policy`, which lets blogs load the widget and read the API. A fixed list:
 * the API sets no CSP or permissions policy here (its HTML pages set their own), so the cold path
 * needs none of the builders Hono's middleware carries.
 */
export const SECURITY_HEADERS: readonly (readonly [string, string])[] = [
  ['Cross-Origin-Resource-Policy', 'cross-origin'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Origin-Agent-Cluster', '?1'],
  ['Referrer-Policy', 'no-referrer'],
  ['Strict-Transport-Security', 'max-age=15552000; includeSubDomains'],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-DNS-Prefetch-Control', 'off'],
  ['X-Download-Options', 'noopen'],
  ['X-Frame-Options', 'SAMEORIGIN'],
  ['X-Permitted-Cross-Domain-Policies', 'none'],
  ['X-XSS-Protection', '0'],
]

/** Adds {@link SECURITY_HEADERS} to the answer, keeping any a route set itself (the pages' stricter ones). */
export const secureHeaders: MiddlewareHandler = async (c, next) => {
  await next()
  const { headers } = c.res
  for (const [name, value] of SECURITY_HEADERS) if (!headers.has(name)) headers.set(name, value)
  headers.delete('X-Powered-By')
}
