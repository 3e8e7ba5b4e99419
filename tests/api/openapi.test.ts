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

  it('documents the notification routes with the schemas that check them, and the service-owned fields read-only', async () => {
    const { doc, paths } = await openApi()
    type Op = Operation & { requestBody?: { content: Record<string, { schema: Record<string, any> }> } }
    const op = (path: string, method: string) => paths[path]?.[method] as Op | undefined
    const json = (o: Op | undefined, status: string) =>
      o?.responses[status]?.content?.['application/json']?.schema as Record<string, any> | undefined
    for (const purpose of ['confirm', 'unsubscribe', 'moderate']) {
      const path = `/v1/mail/${purpose}`
      const get = op(path, 'get') as unknown as {
        parameters: { name: string; in: string; required: boolean }[]
      }
      expect(get.parameters).toEqual([
        expect.objectContaining({ name: 'token', in: 'query', required: true }),
      ])
      expect(Object.keys(op(path, 'get')?.responses['200']?.content ?? {})).toEqual(['text/html'])
      const form = op(path, 'post')?.requestBody?.content
      expect(Object.keys(form ?? {}).sort()).toEqual([
        'application/x-www-form-urlencoded',
        'multipart/form-data',
      ])
      expect(form?.['application/x-www-form-urlencoded']?.schema.properties['List-Unsubscribe']).toEqual({
        type: 'string',
        const: 'One-Click',
      })
      expect(codes(op(path, 'post'), '401')).toEqual(['invalid-token'])
    }
    // Only acting can meet a reply whose parent was taken down; the page only reads.
    expect(codes(op('/v1/mail/moderate', 'post'), '409')).toEqual(['parent-not-published'])
    expect(op('/v1/mail/moderate', 'get')?.responses['409']).toBeUndefined()
    expect(codes(op('/v1/mail/moderate', 'get'), '404')).toEqual(['site-not-found', 'comment-not-found'])
    const subscriptions = '/v1/sites/{siteId}/me/subscriptions'
    expect(json(op(subscriptions, 'get'), '200')?.properties.subscriptions.items.required).toEqual([
      'commentId',
      'since',
    ])
    expect(Object.keys(op(subscriptions, 'delete')?.responses ?? {})).toContain('204')
    const hook = '/v1/admin/sites/{siteId}/webhooks/{webhookId}'
    expect(json(op(`${hook}/deliveries`, 'get'), '200')?.properties.deliveries.items.required).toEqual(
      expect.arrayContaining(['at', 'status', 'ok', 'durationMs']),
    )
    expect(json(op(`${hook}/test`, 'post'), '200')?.required).toEqual(['delivery'])
    expect(codes(op(`${hook}/test`, 'post'), '404')).toEqual(['site-not-found', 'not-found'])

    const site = (doc.components as { schemas: Record<string, any> }).schemas.SiteConfig
    const notifications = site.properties.notifications
    expect(notifications.default).toEqual({
      moderatorEmails: [],
      onNew: 'pending',
      digest: 'off',
      replies: true,
      from: null,
      webhooks: [],
    })
    expect(notifications.properties.moderatorEmails.maxItems).toBe(10)
    expect(notifications.properties.webhooks.maxItems).toBe(5)
    const webhook = notifications.properties.webhooks.items
    expect(webhook.properties.format.enum).toEqual(['standard', 'slack', 'discord'])
    expect(webhook.properties.events.items.enum).toEqual([
      'comment.created',
      'comment.published',
      'comment.deleted',
      'feedback.created',
    ])
    expect(webhook.properties.url.description).toMatch(/loopback/)
    for (const field of ['secret', 'failing', 'failingSince'])
      expect({ field, readOnly: webhook.properties[field].readOnly }).toEqual({ field, readOnly: true })
    expect(site.properties.language.enum).toEqual(['en', 'de', 'fr', 'es', 'pt', 'ja'])
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
