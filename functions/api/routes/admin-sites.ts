import { Hono } from 'hono'
import { recordAudit } from '../../../shared/moderation/audit-log.js'
import type { SiteConfig } from '../../../shared/sites/site-schema.js'
import type { AppDeps, AppEnv } from '../app-env.js'
import { requireAdmin } from '../middleware/admin-auth.js'

/** `/v1/admin/sites`: the admin key creates, lists and replaces sites; a site's moderators may read it. */
export const adminSitesRoutes = (deps: AppDeps) => {
  const adminKey = requireAdmin(deps, { moderators: false })
  const orModerator = requireAdmin(deps, { moderators: true })
  const audited = async (site: SiteConfig, action: string, actor: string) => {
    await recordAudit(
      deps.comments.store,
      site.id,
      { actor, action, target: site.id, detail: {} },
      deps.clock(),
    )
    return site
  }
  return new Hono<AppEnv>()
    .post('/', adminKey, async (c) =>
      c.json(await audited(await deps.sites.create(await c.req.json()), 'create-site', c.get('actor')), 201),
    )
    .get('/', adminKey, async (c) => c.json({ sites: await deps.sites.list() }))
    .get('/:siteId', orModerator, async (c) => c.json(await deps.sites.get(c.req.param('siteId'))))
    .put('/:siteId', adminKey, async (c) =>
      c.json(
        await audited(
          await deps.sites.replace(c.req.param('siteId'), await c.req.json()),
          'update-site',
          c.get('actor'),
        ),
      ),
    )
}
