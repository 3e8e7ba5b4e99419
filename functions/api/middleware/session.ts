import type { MiddlewareHandler } from 'hono'
import type { AuthDeps } from '../../../shared/auth/sign-in.js'
import type { AppEnv } from '../app-env.js'
import { bearerToken } from './bearer.js'

/**
 * Reads the reader's session on a site's public routes: none is fine (a guest), an invalid one is
 * 401 `invalid-token`, and a session of another site is invalid here.
 */
export const readSession =
  (auth: AuthDeps): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const token = bearerToken(c)
    c.set(
      'session',
      token === undefined ? undefined : await auth.sessions.verify(token, c.get('site').id, auth.clock()),
    )
    await next()
  }
