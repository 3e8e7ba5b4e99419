import { Hono } from 'hono'
import { UnauthenticatedError } from '../../../shared/errors.js'
import { erasePerson, personalData } from '../../../shared/privacy/erase.js'
import type { AppDeps, AppEnv } from '../app-env.js'

const signedIn = (session: AppEnv['Variables']['session']) => {
  if (!session) throw new UnauthenticatedError('a session is required')
  return session
}

/** A signed-in reader's own data under `/v1/sites/:siteId/me`: see all of it, or erase it. */
export const meRoutes = (deps: AppDeps) =>
  new Hono<AppEnv>()
    .get('/me/data', async (c) =>
      c.json(await personalData(deps, c.get('site'), signedIn(c.get('session')).userId)),
    )
    .delete('/me', async (c) => {
      const { userId } = signedIn(c.get('session'))
      const deleteText = c.req.query('comments') === 'delete'
      await erasePerson(deps, c.get('site'), { userId }, { deleteText, actor: `user:${userId}` })
      return c.body(null, 204)
    })
