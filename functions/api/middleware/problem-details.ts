import type { Context, ErrorHandler, NotFoundHandler } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import {
  AppError,
  type ErrorCode,
  NotFoundError,
  RateLimitedError,
  UnavailableError,
  ValidationError,
} from '../../../shared/errors.js'
import type { Logger } from '../../../shared/log.js'
import type { AppEnv } from '../app-env.js'

export const STATUS = {
  validation: 400,
  'malformed-json': 400,
  unauthenticated: 401,
  'invalid-token': 401,
  forbidden: 403,
  banned: 403,
  'origin-not-allowed': 403,
  'edit-window-closed': 403,
  'guests-not-allowed': 403,
  'page-not-on-site': 403,
  'site-not-found': 404,
  'comment-not-found': 404,
  'not-found': 404,
  'parent-not-found': 400,
  'parent-not-published': 409,
  'site-exists': 409,
  'idempotency-conflict': 409,
  duplicate: 409,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  'rate-limited': 429,
  unavailable: 503,
} as const satisfies Record<ErrorCode, ContentfulStatusCode>

const TITLE = {
  400: 'Request is invalid',
  401: 'Authentication required',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict',
  413: 'Request body too large',
  415: 'Unsupported media type',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Service unavailable',
} as const

function problem(c: Context<AppEnv>, status: keyof typeof TITLE, code: string, detail: string, extra = {}) {
  c.header('Cache-Control', 'no-store')
  return c.json(
    {
      type: `/problems/${code}`,
      title: TITLE[status],
      status,
      detail,
      code,
      requestId: c.get('requestId'),
      ...extra,
    },
    status,
    { 'Content-Type': 'application/problem+json' },
  )
}

/** The one place errors become HTTP: domain codes map to statuses, the unknown to a bare 500. */
export const problemDetails =
  (log: Logger): ErrorHandler<AppEnv> =>
  (err, c) => {
    if (!(err instanceof AppError)) {
      log('error', 'unhandled error', { requestId: c.get('requestId'), err })
      return problem(c, 500, 'internal', 'something went wrong on our side')
    }
    const status = STATUS[err.code]
    if (status === 401) c.header('WWW-Authenticate', 'Bearer')
    if (err instanceof RateLimitedError) c.header('Retry-After', String(err.retryAfterSeconds))
    if (err instanceof UnavailableError) {
      c.header('Retry-After', String(err.retryAfterSeconds))
      log('warn', 'store unavailable', { requestId: c.get('requestId'), err: err.cause })
    }
    const extra = err instanceof ValidationError ? { errors: err.errors } : {}
    return problem(c, status, err.code, err.message, extra)
  }

export const notFound: NotFoundHandler<AppEnv> = (c) =>
  problem(c, 404, 'not-found', new NotFoundError().message)
