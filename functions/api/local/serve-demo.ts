import type { App } from '../app.js'
import { buildOpenApiDocument } from '../openapi.js'
import { demoPage } from './demo-page.js'
import { DEMO_SITE_ID } from './demo-site.js'
import { docsPage } from './docs-page.js'

/** Local mode's pages: the demo blog post at `/` and the API docs at `/docs`. */
export function serveDemo(app: App): void {
  app.get('/', (c) => c.html(demoPage({ siteId: DEMO_SITE_ID })))
  app.get('/docs', (c) => c.html(docsPage(buildOpenApiDocument())))
}
