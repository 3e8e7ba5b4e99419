import { Hono } from 'hono'
import type { AppEnv } from '../app-env.js'
import { buildOpenApiDocument } from '../openapi.js'

let document: unknown

/** `GET /v1/openapi.json`, built on first use from the request schemas. */
export const openApiRoutes = () =>
  new Hono<AppEnv>().get('/openapi.json', (c) => {
    document ??= buildOpenApiDocument()
    return c.json(document)
  })
