import { describe, expect, it } from 'vitest'
import { ROUTES } from '../../functions/api/manifest/route-manifest.js'
import type { RouteSpec } from '../../functions/api/manifest/route-spec.js'
import { onDemandRoutes } from '../../functions/api/routes/on-demand.js'
import { bodyOf } from '../helpers/route-contract.js'
import { createTestApp } from '../helpers/test-app.js'

type Operation = {
  responses: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>
}
const openApi = async () => {
  const { app, deps } = await createTestApp()
  const doc = await bodyOf(await app.request('/v1/openapi.json'), 'openApi', 200)
  return { app, deps, doc, paths: doc.paths as Record<string, Record<string, Operation>> }
}
const codes = (op: Operation | undefined, status: string) => {
  const schema = op?.responses[status]?.content?.['application/problem+json']?.schema as
    | { allOf: { properties?: { code?: { enum: string[] } } }[] }
    | undefined
  return schema?.allOf[1]?.properties?.code?.enum
}

describe('GET /v1/openapi.json', () => {
  it('documents every route the app serves, and nothing it does not', async () => {
    const { app, deps, paths } = await openApi()
    // The app's own routes, and those it loads on demand (forwarded from the same paths).
    const served = [...app.routes, ...onDemandRoutes(deps).routes]
      .filter((r) => r.method !== 'ALL' && !r.path.includes('*'))
      // The moderation page is a page for people, not an API route.
      .filter((r) => !r.path.startsWith('/admin'))
      .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`)
    const documented = Object.entries(paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method} ${path}`),
    )
    expect(new Set(documented)).toEqual(new Set(served))
    const pages = Object.values(ROUTES as Record<string, RouteSpec>).filter((r) => r.page).length
    expect(documented).toHaveLength(Object.keys(ROUTES).length - pages)
  })

  it('describes request bodies with the constraints that validate them', async () => {
    const { doc, paths } = await openApi()
    const post = paths['/v1/sites/{siteId}/comments']?.post as unknown as {
      requestBody: { content: Record<string, { schema: Record<string, any> }> }
    }
    const schema = post.requestBody.content['application/json']?.schema
    expect(schema?.required).toEqual(expect.arrayContaining(['page', 'body']))
    expect(schema?.properties.author.properties.name.maxLength).toBe(80)
    const site = (doc.components as { schemas: Record<string, any> }).schemas.SiteConfig
    expect(site.properties.limits.properties.maxLength.default).toBe(5000)
  })

  it('gives every JSON answer the schema responses are checked against', async () => {
    const { paths } = await openApi()
    for (const [path, ops] of Object.entries(paths)) {
      for (const [method, op] of Object.entries(ops)) {
        for (const [status, response] of Object.entries(op.responses)) {
          for (const [type, media] of Object.entries(response.content ?? {})) {
            if (!type.includes('json')) continue
            const schema = media.schema ?? {}
            expect({
              at: `${method} ${path} ${status}`,
              typed: 'type' in schema || '$ref' in schema || 'allOf' in schema,
            }).toEqual({
              at: `${method} ${path} ${status}`,
              typed: true,
            })
          }
        }
      }
    }
    const list =
      paths['/v1/sites/{siteId}/comments']?.get?.responses['200']?.content?.['application/json']?.schema
    expect(list?.required).toEqual(['page', 'comments', 'nextCursor', 'formToken'])
  })

  it('lists for each operation the problems it can answer, and only those', async () => {
    const { paths } = await openApi()
    expect(Object.keys(paths['/v1/health']?.get?.responses ?? {})).toEqual(['200'])
    const counts = paths['/v1/sites/{siteId}/counts']?.get
    expect(Object.keys(counts?.responses ?? {})).toEqual(['200', '400', '401', '403', '404', '503'])
    expect(codes(counts, '403')).toEqual(['origin-not-allowed', 'page-not-on-site'])
    expect(codes(paths['/v1/sites/{siteId}/comments']?.post, '429')).toEqual(['rate-limited'])
    expect(codes(paths['/v1/sites/{siteId}/comments']?.post, '415')).toEqual(['unsupported-media-type'])
    expect(paths['/v1/sites/{siteId}/comments']?.get?.responses['429']).toBeUndefined()
    expect(codes(paths['/v1/admin/sites']?.get, '403')).toEqual(['forbidden'])
    expect(codes(paths['/v1/admin/sites/{siteId}/bans/{banId}']?.delete, '404')).toEqual([
      'site-not-found',
      'not-found',
    ])
  })
})
