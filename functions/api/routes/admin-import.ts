import { stream } from 'hono/streaming'
import { exportComments } from '../../../shared/import/export-comments.js'
import { importComments } from '../../../shared/import/import-comments.js'
import type { AppDeps } from '../app-env.js'
import type { OnDemandHandlers } from '../manifest/on-demand-requests.js'

/** Import and export of a site's comments under `/v1/admin/sites/:siteId`: the admin key only. */
export const adminImportHandlers = (deps: AppDeps) =>
  ({
    importComments: async (c) => {
      const site = await deps.sites.get(c.req.param('siteId'))
      return c.json(await importComments(deps, site, await c.req.text()))
    },
    exportComments: async (c) => {
      const site = await deps.sites.get(c.req.param('siteId'))
      c.header('Content-Type', 'application/x-ndjson; charset=utf-8')
      c.header('Content-Disposition', `attachment; filename="${site.id}.ndjson"`)
      return stream(c, async (out) => {
        for await (const line of exportComments(deps, site)) await out.write(line)
      })
    },
  }) satisfies Partial<OnDemandHandlers>
