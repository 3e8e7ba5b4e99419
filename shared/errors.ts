/** Every problem the service can report, as a stable kebab-case code. HTTP statuses live in the API layer. */
export type ErrorCode =
  | 'validation'
  | 'malformed-json'
  | 'unauthenticated'
  | 'invalid-token'
  | 'forbidden'
  | 'banned'
  | 'origin-not-allowed'
  | 'edit-window-closed'
  | 'guests-not-allowed'
  | 'page-not-on-site'
  | 'site-not-found'
  | 'comment-not-found'
  | 'not-found'
  | 'parent-not-found'
  | 'parent-not-published'
  | 'site-exists'
  | 'idempotency-conflict'
  | 'duplicate'
  | 'payload-too-large'
  | 'unsupported-media-type'
  | 'rate-limited'
  | 'unavailable'

/** One failing field: a JSON pointer into the request (`#/author/name`) and what is wrong with it. */
export interface FieldProblem {
  pointer: string
  detail: string
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options)
    this.name = new.target.name
  }
}

export class ValidationError extends AppError {
  constructor(
    readonly errors: FieldProblem[],
    message = errors.map((e) => `${e.pointer.slice(2) || 'request'}: ${e.detail}`).join('; '),
  ) {
    super('validation', message)
  }
}

/** Shorthand for a validation problem on one field. */
export const invalidField = (pointer: string, detail: string) => new ValidationError([{ pointer, detail }])

export class MalformedJsonError extends AppError {
  constructor() {
    super('malformed-json', 'the request body is not valid JSON')
  }
}

export class UnsupportedMediaTypeError extends AppError {
  constructor(expected: string) {
    super('unsupported-media-type', `the request body must be sent as ${expected}`)
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(limitBytes: number) {
    super('payload-too-large', `the request body is larger than ${limitBytes} bytes`)
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'credentials are missing') {
    super('unauthenticated', message)
  }
}

/** A credential that was presented but is not valid: bad signature, wrong audience, expired, … */
export class InvalidTokenError extends AppError {
  constructor(message = 'the token is not valid') {
    super('invalid-token', message)
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'these credentials do not allow this action') {
    super('forbidden', message)
  }
}

export class BannedError extends AppError {
  constructor() {
    super('banned', 'you may not comment on this site')
  }
}

export class DuplicateCommentError extends AppError {
  constructor() {
    super(
      'duplicate',
      'this comment was already posted: the same text from the same author less than 10 minutes ago',
    )
  }
}

export class OriginNotAllowedError extends AppError {
  constructor(origin: string) {
    super('origin-not-allowed', `origin ${origin} is not allowed for this site`)
  }
}

export class PageNotOnSiteError extends AppError {
  constructor(origin: string) {
    super('page-not-on-site', `pages of ${origin} do not belong to this site`)
  }
}

export class EditWindowClosedError extends AppError {
  constructor(id: string) {
    super('edit-window-closed', `comment ${id} can no longer be changed`)
  }
}

export class GuestsNotAllowedError extends AppError {
  constructor() {
    super('guests-not-allowed', 'this site takes comments from signed-in readers only')
  }
}

export class SiteNotFoundError extends AppError {
  constructor(id: string) {
    super('site-not-found', `site ${id} does not exist`)
  }
}

export class SiteExistsError extends AppError {
  constructor(id: string) {
    super('site-exists', `site ${id} already exists`)
  }
}

export class CommentNotFoundError extends AppError {
  constructor(id: string) {
    super('comment-not-found', `comment ${id} does not exist`)
  }
}

/** An imported reply whose parent was not imported before it. */
export class ParentNotFoundError extends AppError {
  constructor(sourceId: string) {
    super('parent-not-found', `parent ${sourceId} was not imported before this reply`)
  }
}

/** A reply cannot be published (approved) while its parent is not: it would hang in the air. */
export class ParentNotPublishedError extends AppError {
  constructor(id: string) {
    super('parent-not-published', `comment ${id} replies to a comment that is not published`)
  }
}

export class NotFoundError extends AppError {
  constructor(message = 'no such resource') {
    super('not-found', message)
  }
}

export class IdempotencyConflictError extends AppError {
  constructor() {
    super('idempotency-conflict', 'this Idempotency-Key was already used with a different request')
  }
}

/** A limit was hit; `retryAfterSeconds` tells the client when to try again. */
export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super('rate-limited', `too many requests: try again in ${retryAfterSeconds} s`)
  }
}

/** The store is unreachable or throttled after retries. The cause is logged, never answered. */
export class UnavailableError extends AppError {
  readonly retryAfterSeconds = 5
  constructor(options?: ErrorOptions) {
    super('unavailable', 'the service is temporarily unavailable', options)
  }
}
