import type { MiddlewareHandler } from 'hono'

/** Seconds a shared cache (CloudFront) may serve a public read, then serve it stale while refreshing. */
export const EDGE_MAX_AGE = 10
export const EDGE_STALE_WHILE_REVALIDATE = 30

/**
 * Marks a successful anonymous read as cacheable by the edge for a few seconds; a read with
 * credentials, or any failure, is never stored. The CloudFront behaviours for public reads cache
 * only what this header allows, keyed by the query and `Origin`. Browsers read the same header:
 * `max-age=0` makes a copy stale at once, but `stale-while-revalidate` lets them show it for up to
 * 30 s while they refresh, so the widget asks with `cache: 'no-cache'` (a reader sees their own
 * post after a reload); count.js does not, and its counts may lag by that much.
 */
export const edgeCache: MiddlewareHandler = async (c, next) => {
  await next()
  if (c.res.headers.has('Cache-Control')) return
  const shared = c.res.status === 200 && c.req.header('Authorization') === undefined
  c.header(
    'Cache-Control',
    shared
      ? `public, max-age=0, s-maxage=${EDGE_MAX_AGE}, stale-while-revalidate=${EDGE_STALE_WHILE_REVALIDATE}`
      : 'private, no-store',
  )
}
