import { type DefaultTreeAdapterTypes, parse } from 'parse5'
import { describe, expect, it } from 'vitest'
import { demoPage } from '../../../functions/api/local/demo-page.js'
import { docsPage, escapeHtml } from '../../../functions/api/local/docs-page.js'
import { buildOpenApiDocument } from '../../../functions/api/openapi.js'

type Element = DefaultTreeAdapterTypes.Element

/** Every element of an HTML document, in document order. */
function elements(html: string): Element[] {
  const found: Element[] = []
  const walk = (node: DefaultTreeAdapterTypes.ParentNode) => {
    for (const child of node.childNodes) {
      if ('tagName' in child) {
        found.push(child)
        walk(child)
      }
    }
  }
  walk(parse(html))
  return found
}
const attr = (el: Element, name: string) => el.attrs.find((a) => a.name === name)?.value
const textOf = (el: Element): string =>
  el.childNodes.map((n) => ('value' in n ? n.value : 'tagName' in n ? textOf(n) : '')).join('')

describe('escapeHtml', () => {
  it('escapes the five HTML-special characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    )
  })
})

describe('docsPage', () => {
  const hostile = '<script>alert(1)</script>'
  const doc = {
    openapi: '3.1.0',
    info: { title: `Evil ${hostile}`, version: '1', description: hostile },
    paths: {
      [`/x/${hostile}`]: {
        get: {
          summary: hostile,
          description: hostile,
          parameters: [
            { name: hostile, in: 'query', required: true, schema: { type: 'string', pattern: hostile } },
          ],
          responses: { '200': { description: hostile } },
        },
        post: {
          summary: 'Create',
          requestBody: { content: { 'application/json': { schema: { type: 'object', title: hostile } } } },
          responses: { '201': { description: 'created' } },
        },
      },
    },
  }

  it('escapes <script> in a summary and in every other string from the document', () => {
    const html = docsPage(doc)
    expect(html).not.toContain('<script')
    expect(html).toContain('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>')
    expect(elements(html).filter((el) => el.tagName === 'script')).toHaveLength(0)
  })

  it('renders methods, parameters, the request body, responses and a link to the JSON', () => {
    const html = docsPage(doc)
    expect(html).toContain('<a href="/v1/openapi.json">')
    expect(html).toMatch(/<span class="m m-get">get<\/span>/)
    expect(html).toMatch(/<span class="m m-post">post<\/span>/)
    expect(html).toContain('<td>query</td><td>yes</td><td>string, pattern: &lt;script&gt;')
    expect(html).toContain('&quot;type&quot;: &quot;object&quot;')
    expect(html).toContain('<td><code>201</code></td><td>created</td>')
  })

  it('renders every operation of the real OpenAPI document', () => {
    const real = buildOpenApiDocument()
    const html = docsPage(real)
    for (const [path, item] of Object.entries(real.paths)) {
      for (const method of Object.keys(item)) {
        expect(html).toContain(`<span class="m m-${method}">${method}</span><code>${escapeHtml(path)}</code>`)
      }
    }
  })

  it('survives documents that are not OpenAPI at all', () => {
    for (const junk of [null, undefined, 42, 'x', [], { paths: 5 }, { paths: { '/a': { get: 'no' } } }]) {
      expect(docsPage(junk)).toContain('</html>')
    }
  })
})

describe('demoPage', () => {
  const html = demoPage({ siteId: 'demo' })
  const all = elements(html)
  const scripts = all.filter((el) => el.tagName === 'script')

  it('embeds the widget exactly as a blog would: a container and one async script for the site', () => {
    const container = all.find((el) => attr(el, 'id') === 'comments')
    expect(container?.tagName).toBe('div')
    expect(container?.childNodes).toHaveLength(0)
    const embed = scripts.find((el) => attr(el, 'src') === '/embed.js')
    expect(embed && [attr(embed, 'data-site'), attr(embed, 'data-feedback'), attr(embed, 'async')]).toEqual([
      'demo',
      'on',
      '',
    ])
    expect(html).toContain(
      '<div id="comments"></div>\n<script src="/embed.js" data-site="demo" data-feedback="on" async></script>',
    )
  })

  it('shows the count in the byline with count.js', () => {
    const count = scripts.find((el) => attr(el, 'src') === '/count.js')
    expect(count && attr(count, 'data-site')).toBe('demo')
    const target = all.find((el) => attr(el, 'data-parley-count') !== undefined)
    expect(target && attr(target, 'data-parley-count')).toBe('') // empty: this page
    expect(target && all.find((el) => el.childNodes.includes(target as never))?.tagName).toBe('a')
  })

  it('keeps the blog post, and has no inline script and no absolute URL', () => {
    expect(
      all.find((el) => el.tagName === 'h1') && textOf(all.find((el) => el.tagName === 'h1') as Element),
    ).toBe('Why we moved our comments to our own AWS account')
    expect(all.filter((el) => el.tagName === 'p').length).toBeGreaterThanOrEqual(6)
    expect(scripts.every((el) => attr(el, 'src')?.startsWith('/'))).toBe(true)
    expect(scripts.every((el) => textOf(el) === '')).toBe(true)
    expect(html).not.toMatch(/https?:\/\/[\w.-]/)
    for (const el of all) {
      const href = attr(el, 'href')
      if (href !== undefined) expect(href).toMatch(/^([/#]|data:)/)
    }
  })

  it('escapes the site id in its attributes', () => {
    const siteId = `x"></script><script>alert(1)</script><b title="'&`
    const parsed = elements(demoPage({ siteId }))
    const parsedScripts = parsed.filter((el) => el.tagName === 'script')
    expect(parsedScripts.map((el) => attr(el, 'data-site'))).toEqual([siteId, siteId])
    expect(parsed.some((el) => el.tagName === 'b' && attr(el, 'title') !== undefined)).toBe(false)
  })
})
