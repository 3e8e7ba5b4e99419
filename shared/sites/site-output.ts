import * as z from 'zod/mini'
import { SiteConfigSchema } from './site-schema.js'

/** `GET /v1/admin/sites`: every site's config as stored, defaults filled in. */
export const SitesResponseSchema = z.object({ sites: z.array(SiteConfigSchema) })
