import { recordAudit } from '../../../shared/moderation/audit-log.js'
import type { SiteConfig } from '../../../shared/sites/site-schema.js'
import type { AppDeps } from '../app-env.js'
import type { OnDemandHandlers } from '../manifest/on-demand-requests.js'

/** `/v1/admin/sites`: the admin key creates, lists and replaces sites; a site's moderators may read it. */
export const adminSitesHandlers = (deps: AppDeps) => {
  const audited = async (site: SiteConfig, action: string, actor: string) => {
    await recordAudit(
      deps.comments.store,
      site.id,
      { actor, action, target: site.id, detail: {} },
      deps.clock(),
    )
    return site
  }
  return {
    createSite: async (c) =>
      c.json(await audited(await deps.sites.create(await c.req.json()), 'create-site', c.get('actor')), 201),
    listSites: async (c) => c.json({ sites: await deps.sites.list() }),
    getSite: async (c) => c.json(await deps.sites.get(c.req.param('siteId'))),
    replaceSite: async (c) =>
      c.json(
        await audited(
          await deps.sites.replace(c.req.param('siteId'), await c.req.json()),
          'update-site',
          c.get('actor'),
        ),
      ),
  } satisfies Partial<OnDemandHandlers>
}
