import { Hono } from 'hono'
import type { AppEnv } from '../app-env.js'
import { buildOpenApiDocument } from '../openapi.js'

let document: ReturnType<typeof buildOpenApiDocument> | undefined

/** `GET /v1/openapi.json`, built on first use: no cold start pays for it. */
export const openApiRoutes = () =>
  new Hono<AppEnv>().get('/openapi.json', (c) => {
    document ??= buildOpenApiDocument()
    return c.json(document)
  })
