import { Hono } from 'hono'
import type { AppEnv } from '../app-env.js'

let document: unknown

/** `GET /v1/openapi.json`, built on first use from the request schemas: no cold start pays for it. */
export const openApiRoutes = () =>
  new Hono<AppEnv>().get('/openapi.json', async (c) => {
    document ??= (await import('../openapi.js')).buildOpenApiDocument()
    return c.json(document)
  })
