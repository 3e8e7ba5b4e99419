import { Hono } from 'hono'
import type { AppDeps, AppEnv } from '../app-env.js'

/** `/v1/admin/sites`: the admin key's routes to create, list, read and replace sites. */
export const adminSitesRoutes = (deps: AppDeps) =>
  new Hono<AppEnv>()
    .post('/', async (c) => c.json(await deps.sites.create(await c.req.json()), 201))
    .get('/', async (c) => c.json({ sites: await deps.sites.list() }))
    .get('/:siteId', async (c) => c.json(await deps.sites.get(c.req.param('siteId'))))
    .put('/:siteId', async (c) => c.json(await deps.sites.replace(c.req.param('siteId'), await c.req.json())))
