import { loadOnce } from '../load-once.js'
import type { OnDemandHandlers } from '../manifest/on-demand-requests.js'

// Not a string literal, so no bundler follows it: zod's JSON Schema generator stays out of the Lambda.
const BUILDER = new URL('../openapi.ts', import.meta.url).href

const document = loadOnce(
  async (): Promise<object> =>
    (await import('../inlined-openapi.js')).inlinedOpenApiDocument ??
    ((await import(/* @vite-ignore */ BUILDER)) as typeof import('../openapi.js')).buildOpenApiDocument(),
)

/** `GET /v1/openapi.json`: generated from the route manifest, by the build or on first use. */
export const openApiHandlers = () =>
  ({ openApi: async (c) => c.json(await document()) }) satisfies Partial<OnDemandHandlers>
