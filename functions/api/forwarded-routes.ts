import type { Method } from './manifest/route-spec.js'

/** A path of the manifest as a pattern: a `:param` is one segment, the rest is literal. */
const pathPattern = (path: string) => {
  if (/[*?{]/.test(path)) throw new Error(`${path}: forwarded routes have plain paths and :params only`)
  return path
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.\\+^$()[\]|]/g, '\\$&')))
    .join('/')
}

/**
 * Whether a request is to one of `routes`, matched as Hono's PatternRouter matches each route's
 * path (a `:param` is one segment, a trailing slash is allowed, a HEAD is a GET), by one regular
 * expression: the app forwards the on-demand chunk's routes without a cold start registering each
 * with its router, and still forwards nothing the manifest does not declare.
 */
export function forwardedRoutes(routes: readonly (readonly [Method, string])[]) {
  const alternatives = routes.map(([method, path]) => `${method} ${pathPattern(path)}`)
  const pattern = new RegExp(`^(?:${alternatives.join('|')})/?$`)
  return (method: string, path: string) => pattern.test(`${method === 'HEAD' ? 'GET' : method} ${path}`)
}
