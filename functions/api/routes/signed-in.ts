import type { Context } from 'hono'
import { UnauthenticatedError } from '../../../shared/errors.js'
import type { AppEnv } from '../app-env.js'

/**
 * The reader's session on a route the manifest opens to signed-in readers only (its access check
 * has refused the rest): typed as present.
 * @throws UnauthenticatedError if reached without one
 */
export function signedIn(c: Context<AppEnv>) {
  const session = c.get('session')
  if (!session) throw new UnauthenticatedError('a session is required')
  return session
}
