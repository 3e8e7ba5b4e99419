import type { MiddlewareHandler } from 'hono'
import { safeEqual } from '../../../shared/crypto/mac.js'
import { AppError, UnauthenticatedError } from '../../../shared/errors.js'

const BEARER = /^Bearer\s+(\S+)$/i

/** Admin routes take the deployment's admin key as a Bearer token. */
export const requireAdminKey =
  (adminKey: string): MiddlewareHandler =>
  async (c, next) => {
    const token = BEARER.exec(c.req.header('Authorization') ?? '')?.[1]
    if (token === undefined)
      throw new UnauthenticatedError('an admin key is required: Authorization: Bearer <key>')
    if (!safeEqual(token, adminKey)) throw new AppError('invalid-token', 'the admin key is not valid')
    await next()
  }
