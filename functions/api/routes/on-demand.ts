import { Hono } from 'hono'
import type { AppDeps, AppEnv } from '../app-env.js'
import { inlinedRouteRules } from '../inlined-route-rules.js'
import { mountRoutes } from '../manifest/mount-routes.js'
import { ON_DEMAND_REQUESTS } from '../manifest/on-demand-requests.js'
import { adminImportHandlers } from './admin-import.js'
import { adminModerationHandlers } from './admin-moderation.js'
import { adminPageRoutes } from './admin-page.js'
import { adminSitesHandlers } from './admin-sites.js'
import { adminWebhooksHandlers } from './admin-webhooks.js'
import { authHandlers } from './auth.js'
import { commentWritesHandlers } from './comment-writes.js'
import { commentsHtmlHandlers } from './comments-html.js'
import { feedbackHandlers } from './feedback.js'
import { mailLinkHandlers } from './mail-links.js'
import { meHandlers } from './me.js'
import { meSubscriptionsHandlers } from './me-subscriptions.js'
import { openApiHandlers } from './openapi.js'

/**
 * Every route the manifest puts in the `on-demand` chunk: writing comments, sign-in, a reader's own data and
 * subscriptions, the links in mails, page feedback and likes, the admin API and page, the OpenAPI document. The app imports them together
 * on the first request to any of them (see `app.ts`): one chunk, so that what a cold start loads is
 * one file beside the SDK's, not a file for each way the lazily loaded code shares modules with it.
 */
export const onDemandRoutes = (deps: AppDeps) => {
  const adminPage = adminPageRoutes()
  return mountRoutes(new Hono<AppEnv>(), deps, 'on-demand', inlinedRouteRules, ON_DEMAND_REQUESTS, {
    ...openApiHandlers(),
    ...commentWritesHandlers(deps),
    ...commentsHtmlHandlers(deps),
    ...authHandlers(deps),
    ...meHandlers(deps),
    ...meSubscriptionsHandlers(deps),
    ...mailLinkHandlers(deps),
    ...feedbackHandlers(deps),
    ...adminSitesHandlers(deps),
    ...adminModerationHandlers(deps),
    ...adminImportHandlers(deps),
    ...adminWebhooksHandlers(deps),
    adminPage: (c) => adminPage.fetch(c.req.raw),
  })
}
