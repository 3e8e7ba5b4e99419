import { stream } from 'hono/streaming'
import { feedbackCsv, listFeedback } from '../../../shared/feedback/page-feedback.js'
import { listAudit, listQueue, moderate } from '../../../shared/moderation/moderate.js'
import { erasePerson } from '../../../shared/privacy/erase.js'
import type { AppDeps } from '../app-env.js'
import type { OnDemandHandlers } from '../manifest/on-demand-requests.js'

/** A site's moderation under `/v1/admin/sites/:siteId`: the site is in the context, loaded by the access check. */
export const adminModerationHandlers = (deps: AppDeps) =>
  ({
    queue: async (c) => c.json(await listQueue(deps, c.get('site'), c.req.valid('query'))),
    moderate: async (c) => c.json(await moderate(deps, c.get('site'), c.req.valid('json'), c.get('actor'))),
    listBans: async (c) => c.json({ bans: await deps.bans.list(c.get('site').id) }),
    createBan: async (c) =>
      c.json(
        await deps.bans.create(c.get('site').id, c.req.valid('json'), c.get('actor'), deps.clock()),
        201,
      ),
    removeBan: async (c) => {
      await deps.bans.remove(c.get('site').id, c.req.param('banId'), c.get('actor'), deps.clock())
      return c.body(null, 204)
    },
    erase: async (c) => {
      const { email } = c.req.valid('json')
      const erased = await erasePerson(
        deps,
        c.get('site'),
        { email },
        { deleteText: false, actor: c.get('actor') },
      )
      return c.json({ erased })
    },
    adminFeedback: async (c) => c.json(await listFeedback(deps, c.get('site'), c.req.valid('query'))),
    feedbackCsv: (c) => {
      const site = c.get('site')
      c.header('Content-Type', 'text/csv; charset=utf-8')
      c.header('Content-Disposition', `attachment; filename="${site.id}-feedback.csv"`)
      return stream(c, async (out) => {
        for await (const chunk of feedbackCsv(deps, site)) await out.write(chunk)
      })
    },
    audit: async (c) => c.json(await listAudit(deps, c.get('site'), c.req.valid('query'))),
  }) satisfies Partial<OnDemandHandlers>
