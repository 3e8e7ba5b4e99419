import { Hono } from 'hono'
import type { AppDeps, AppEnv } from '../app-env.js'
import { adminImportRoutes } from './admin-import.js'
import { adminModerationRoutes } from './admin-moderation.js'
import { adminPageRoutes } from './admin-page.js'
import { adminSitesRoutes } from './admin-sites.js'
import { authRoutes } from './auth.js'
import { feedbackRoutes } from './feedback.js'
import { meRoutes } from './me.js'
import { openApiRoutes } from './openapi.js'

/**
 * Every route but reading and writing comments: sign-in, a reader's own data, page feedback and
 * likes, the admin API and page, the OpenAPI document. The app imports them together on the first
 * request to any of them (see `app.ts`): one chunk, so that what a cold start loads is one file
 * beside the SDK's, not a file for each way the lazily loaded code shares modules with it.
 */
export const onDemandRoutes = (deps: AppDeps) =>
  new Hono<AppEnv>()
    .route('/v1', openApiRoutes())
    .route('/v1/sites/:siteId/auth', authRoutes(deps))
    .route('/v1/sites/:siteId', meRoutes(deps))
    .route('/v1/sites/:siteId', feedbackRoutes(deps))
    .route('/v1/admin/sites', adminSitesRoutes(deps))
    .route('/v1/admin/sites/:siteId', adminModerationRoutes(deps))
    .route('/v1/admin/sites/:siteId', adminImportRoutes(deps))
    .route('/', adminPageRoutes())
