import type { Context } from 'hono'
import type { AppEnv } from '../app-env.js'
import { embedAsset } from '../embed-assets.js'
import type { EagerHandlers } from '../manifest/eager-requests.js'

/** Short in browsers, so a new widget reaches readers within minutes; stale copies serve while refreshing. */
const CACHE_CONTROL = 'public, max-age=300, stale-while-revalidate=86400'

async function asset(c: Context<AppEnv>, name: string) {
  const found = await embedAsset(name)
  if (!found) return c.notFound()
  const { body, etag, type } = found
  c.header('Cache-Control', CACHE_CONTROL)
  c.header('ETag', etag)
  // Public files: any page may load them (CORS matters to fetch(), which the language packs need).
  c.header('Access-Control-Allow-Origin', '*')
  if (c.req.header('If-None-Match') === etag) return c.body(null, 304)
  return c.body(body, 200, { 'Content-Type': type })
}

/**
 * `GET /embed.js` (the widget) and `GET /count.js` (comment counts), contract section 6, and the
 * widget's words in languages other than English, `GET /embed/lang/<lang>.json`.
 */
export const embedHandlers = () =>
  ({
    embedScript: (c) => asset(c, 'embed.js'),
    countScript: (c) => asset(c, 'count.js'),
    languagePack: (c) => asset(c, c.req.path.slice(1)),
  }) satisfies Partial<EagerHandlers>
