import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { createTestApp } from '../helpers/test-app.js'

describe('GET /embed.js and /count.js', () => {
  it('serves each minified script as cacheable, CORS-open JavaScript with an ETag', async () => {
    const { app } = await createTestApp()
    for (const path of ['/embed.js', '/count.js']) {
      const res = await app.request(path, { headers: { Origin: 'https://any-blog.example' } })
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
      expect(res.headers.get('cache-control')).toBe('public, max-age=300, stale-while-revalidate=86400')
      expect(res.headers.get('access-control-allow-origin')).toBe('*')
      expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin')
      const body = await res.text()
      expect(body).not.toMatch(/\n {2}/) // minified: no indented lines
      expect(gzipSync(body).length).toBeGreaterThan(100)

      const etag = res.headers.get('etag') ?? ''
      expect(etag).toMatch(/^"[\w-]{22}"$/)
      const again = await app.request(path, { headers: { 'If-None-Match': etag } })
      expect(again.status).toBe(304)
      expect(await again.text()).toBe('')
    }
  })

  it('bundles the widget with its stylesheet and the count script without it', async () => {
    const { app } = await createTestApp()
    const embed = await (await app.request('/embed.js')).text()
    const count = await (await app.request('/count.js')).text()
    expect(embed).toContain('attachShadow')
    expect(embed).toContain('--parley-accent')
    expect(embed).not.toContain('PARLEY_CSS')
    expect(count).toContain('data-parley-count')
    expect(count).not.toContain('attachShadow')
  })
})
