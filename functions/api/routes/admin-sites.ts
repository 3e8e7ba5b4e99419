import { Hono } from 'hono'
import type { AppDeps, AppEnv } from '../app-env.js'
import { requireAdmin } from '../middleware/admin-auth.js'

/** `/v1/admin/sites`: the admin key creates, lists and replaces sites; a site's moderators may read it. */
export const adminSitesRoutes = (deps: AppDeps) => {
  const adminKey = requireAdmin(deps, { moderators: false })
  const orModerator = requireAdmin(deps, { moderators: true })
  return new Hono<AppEnv>()
    .post('/', adminKey, async (c) => c.json(await deps.sites.create(await c.req.json()), 201))
    .get('/', adminKey, async (c) => c.json({ sites: await deps.sites.list() }))
    .get('/:siteId', orModerator, async (c) => c.json(await deps.sites.get(c.req.param('siteId'))))
    .put('/:siteId', adminKey, async (c) =>
      c.json(await deps.sites.replace(c.req.param('siteId'), await c.req.json())),
    )
}
