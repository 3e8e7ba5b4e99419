import type { Problem } from '../../shared/contracts/index.js'

/**
 * A failed call of the API, shared by the widget and the moderation page: the problem+json answer
 * (RFC 9457) it came with, or none when the API could not be reached (status 0) or sent no problem.
 */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly problem?: Partial<Problem>,
  ) {
    super(message)
  }
}
