import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { Word } from '../../functions/embed/src/word.js'
import { createTestApp } from '../helpers/test-app.js'

describe('GET /embed.js, /count.js and /embed/lang/<lang>.json', () => {
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

  it('serves each language but English as cacheable, CORS-open JSON of the widget’s words', async () => {
    const { app } = await createTestApp()
    const embed = await (await app.request('/embed.js')).text()
    expect(embed).toContain('"Post comment"')
    expect(embed).not.toContain('Kommentar senden') // German is not in embed.js ...
    const res = await app.request('/embed/lang/de.json', { headers: { Origin: 'https://any-blog.example' } })
    expect(res.status).toBe(200) // ... but next to it
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(res.headers.get('cache-control')).toBe('public, max-age=300, stale-while-revalidate=86400')
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    // The words by their number (Word), so no key travels.
    const de = (await res.json()) as Record<number, string>
    expect([de[Word.post], de[Word.comments]]).toEqual(['Kommentar senden', 'Kommentare'])
    const etag = res.headers.get('etag') ?? ''
    expect((await app.request('/embed/lang/de.json', { headers: { 'If-None-Match': etag } })).status).toBe(
      304,
    )
    for (const lang of ['fr', 'es', 'pt', 'ja'])
      expect((await app.request(`/embed/lang/${lang}.json`)).status, lang).toBe(200)
  })

  it('answers 404 not-found for a language it does not speak, English included', async () => {
    const { app } = await createTestApp()
    for (const path of ['/embed/lang/xx.json', '/embed/lang/en.json', '/embed/lang/constructor']) {
      const res = await app.request(path)
      expect(res.status, path).toBe(404)
      expect(await res.json(), path).toMatchObject({ code: 'not-found' })
    }
  })
})
