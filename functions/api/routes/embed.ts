import { type Context, Hono } from 'hono'
import type { AppEnv } from '../app-env.js'
import { type EmbedAssetName, embedAsset } from '../embed-assets.js'

/** Short in browsers, so a new widget reaches readers within minutes; stale copies serve while refreshing. */
const CACHE_CONTROL = 'public, max-age=300, stale-while-revalidate=86400'

async function script(c: Context<AppEnv>, name: EmbedAssetName) {
  const { body, etag } = await embedAsset(name)
  c.header('Cache-Control', CACHE_CONTROL)
  c.header('ETag', etag)
  // A public script: any page may load it (CORS only matters to module scripts and fetch()).
  c.header('Access-Control-Allow-Origin', '*')
  if (c.req.header('If-None-Match') === etag) return c.body(null, 304)
  return c.body(body, 200, { 'Content-Type': 'text/javascript; charset=utf-8' })
}

/** `GET /embed.js` (the widget) and `GET /count.js` (comment counts), contract section 6. */
export const embedRoutes = () =>
  new Hono<AppEnv>()
    .get('/embed.js', (c) => script(c, 'embed.js'))
    .get('/count.js', (c) => script(c, 'count.js'))
