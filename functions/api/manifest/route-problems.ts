import type { ErrorCode } from '../../../shared/errors.js'
import { STATUS } from '../middleware/problem-details.js'
import type { RouteSpec } from './route-spec.js'

/** What the app refuses a body with before any route runs: always problem+json, a popup's routes included. */
const BODY_REFUSALS: ReadonlySet<ErrorCode> = new Set(['unsupported-media-type', 'payload-too-large'])

/**
 * Whether a route answers a status as one of its popup pages (`failuresAsPages`): every failure but
 * the body refusals, which the app answers before the route (and its pages) are reached. A browser's
 * form never meets them; a client that sends another body gets the problem it can read.
 */
export const answeredAsPage = (route: RouteSpec, codes: readonly ErrorCode[]) =>
  route.failuresAsPages === true && !codes.every((code) => BODY_REFUSALS.has(code))

/**
 * Every problem a route can answer: those that follow from its entry (the site in its path, the
 * reader's session, its credentials, its body, its schemas, the store), plus its own. By status.
 */
export function routeProblems(route: RouteSpec): Map<number, ErrorCode[]> {
  const codes = new Set<ErrorCode>()
  const add = (...more: ErrorCode[]) => {
    for (const code of more) codes.add(code)
  }
  const { path, request } = route
  // corsPerSite and readSession run on every site route: the site, its origins, a sent session.
  if (path.startsWith('/v1/sites/:siteId/')) add('site-not-found', 'origin-not-allowed', 'invalid-token')
  if (path.includes(':siteId')) add('site-not-found')
  if (path.startsWith('/v1/sites/') || path.startsWith('/v1/admin/')) add('unavailable')
  if (route.access === 'session') add('unauthenticated', 'invalid-token')
  if (route.access === 'moderator' || route.access === 'admin')
    add('unauthenticated', 'invalid-token', 'forbidden')
  if (route.body === 'json') add('unsupported-media-type', 'malformed-json', 'payload-too-large')
  if (route.body === 'ndjson') add('unsupported-media-type', 'payload-too-large')
  // A form that does not parse is a validation problem (there is no malformed-json for forms).
  if (route.body === 'form') add('unsupported-media-type', 'payload-too-large', 'validation')
  if (request?.query || request?.json || request?.form || request?.headers || request?.ndjson)
    add('validation')
  add(...(route.problems ?? []))
  const byStatus = new Map<number, ErrorCode[]>()
  for (const code of codes) byStatus.set(STATUS[code], [...(byStatus.get(STATUS[code]) ?? []), code])
  return new Map([...byStatus].sort(([a], [b]) => a - b))
}
