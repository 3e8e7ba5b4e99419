import { describe, expect, it } from 'vitest'
import { onDemandRoutes } from '../../functions/api/routes/on-demand.js'
import { createTestApp } from '../helpers/test-app.js'

describe('GET /v1/openapi.json', () => {
  it('documents every route the app serves, and nothing it does not', async () => {
    const { app, deps } = await createTestApp()
    const doc = await (await app.request('/v1/openapi.json')).json()
    // The app's own routes, and those it loads on demand (mounted under `*` paths).
    const served = [...app.routes, ...onDemandRoutes(deps).routes]
      .filter((r) => r.method !== 'ALL' && !r.path.includes('*'))
      // The moderation page is a page for people, not an API route.
      .filter((r) => !r.path.startsWith('/admin'))
      .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}').replace(/\/$/, '')}`)
    const documented = Object.entries(doc.paths as Record<string, object>).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method} ${path}`),
    )
    expect(new Set(documented)).toEqual(new Set(served))
  })

  it('describes request bodies with the constraints that validate them', async () => {
    const { app } = await createTestApp()
    const doc = await (await app.request('/v1/openapi.json')).json()
    const post = doc.paths['/v1/sites/{siteId}/comments'].post.requestBody.content['application/json'].schema
    expect(post.required).toEqual(expect.arrayContaining(['page', 'body']))
    expect(post.properties.author.properties.name.maxLength).toBe(80)
    const site = doc.components.schemas.SiteConfig
    expect(site.properties.limits.properties.maxLength.default).toBe(5000)
  })
})
