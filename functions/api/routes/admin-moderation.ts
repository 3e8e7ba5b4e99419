import { Hono } from 'hono'
import { stream } from 'hono/streaming'
import { AdminFeedbackQuerySchema } from '../../../shared/feedback/feedback-input.js'
import { feedbackCsv, listFeedback } from '../../../shared/feedback/page-feedback.js'
import { listAudit, listQueue, moderate } from '../../../shared/moderation/moderate.js'
import {
  BanSchema,
  EraseSchema,
  ModerationSchema,
  PageQuerySchema,
  QueueQuerySchema,
} from '../../../shared/moderation/moderation-input.js'
import { erasePerson } from '../../../shared/privacy/erase.js'
import type { AppDeps, AppEnv } from '../app-env.js'
import { requireAdmin } from '../middleware/admin-auth.js'
import { validate } from '../middleware/validate.js'

/** A site's moderation under `/v1/admin/sites/:siteId`: the admin key or one of the site's moderators. */
export const adminModerationRoutes = (deps: AppDeps) =>
  new Hono<AppEnv>()
    .use(requireAdmin(deps, { moderators: true }))
    .use(async (c, next) => {
      c.set('site', await deps.sites.get(c.req.param('siteId') ?? ''))
      await next()
    })
    .get('/comments', validate('query', QueueQuerySchema), async (c) =>
      c.json(await listQueue(deps, c.get('site'), c.req.valid('query'))),
    )
    .post('/moderation', validate('json', ModerationSchema), async (c) =>
      c.json(await moderate(deps, c.get('site'), c.req.valid('json'), c.get('actor'))),
    )
    .get('/bans', async (c) => c.json({ bans: await deps.bans.list(c.get('site').id) }))
    .post('/bans', validate('json', BanSchema), async (c) =>
      c.json(
        await deps.bans.create(c.get('site').id, c.req.valid('json'), c.get('actor'), deps.clock()),
        201,
      ),
    )
    .delete('/bans/:banId', async (c) => {
      await deps.bans.remove(c.get('site').id, c.req.param('banId'), c.get('actor'), deps.clock())
      return c.body(null, 204)
    })
    .post('/erase', validate('json', EraseSchema), async (c) => {
      const { email } = c.req.valid('json')
      const erased = await erasePerson(
        deps,
        c.get('site'),
        { email },
        { deleteText: false, actor: c.get('actor') },
      )
      return c.json({ erased })
    })
    .get('/feedback', validate('query', AdminFeedbackQuerySchema), async (c) =>
      c.json(await listFeedback(deps, c.get('site'), c.req.valid('query'))),
    )
    .get('/feedback.csv', async (c) => {
      const site = c.get('site')
      c.header('Content-Type', 'text/csv; charset=utf-8')
      c.header('Content-Disposition', `attachment; filename="${site.id}-feedback.csv"`)
      return stream(c, async (out) => {
        for await (const chunk of feedbackCsv(deps, site)) await out.write(chunk)
      })
    })
    .get('/audit', validate('query', PageQuerySchema), async (c) =>
      c.json(await listAudit(deps, c.get('site'), c.req.valid('query'))),
    )
