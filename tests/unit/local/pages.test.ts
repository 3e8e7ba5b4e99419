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
  const byId = (id: string) => all.find((el) => attr(el, 'id') === id)

  it('labels the form fields Comment, Name, Email and Website', () => {
    const labels = all.filter((el) => el.tagName === 'label')
    for (const name of ['Comment', 'Name', 'Email', 'Website']) {
      const label = labels.find((el) => textOf(el).trim().startsWith(name))
      expect(label, name).toBeDefined()
      const target = byId(attr(label as Element, 'for') ?? '')
      expect(target && ['input', 'textarea'].includes(target.tagName), name).toBe(true)
    }
    expect(byId('c-body')?.tagName).toBe('textarea')
    expect(html).toMatch(/<label for="c-body">Comment<\/label>/)
  })

  it('has a visually hidden honeypot named hp, a Post comment button and a live status', () => {
    const hp = all.find((el) => el.tagName === 'input' && attr(el, 'name') === 'hp')
    expect(hp && [attr(hp, 'tabindex'), attr(hp, 'autocomplete'), attr(hp, 'aria-hidden')]).toEqual([
      '-1',
      'off',
      'true',
    ])
    const button = all.find((el) => el.tagName === 'button' && attr(el, 'type') === 'submit')
    expect(button && textOf(button)).toBe('Post comment')
    expect(attr(byId('c-status') as Element, 'aria-live')).toBe('polite')
  })

  it('makes no external request and contains no absolute URL', () => {
    // `'https://' + website` in the script adds a scheme to what a commenter typed; it names no host.
    expect(html).not.toMatch(/https?:\/\/[\w.-]/)
    for (const el of all) {
      expect(attr(el, 'src')).toBeUndefined()
      const href = attr(el, 'href')
      if (href !== undefined) expect(href).toMatch(/^([/#]|data:)/)
    }
    const scripts = all.filter((el) => el.tagName === 'script')
    expect(scripts.map((el) => attr(el, 'type'))).toEqual(['module'])
    expect(textOf(scripts[0] as Element)).toContain('const SITE = "demo"')
  })

  it('escapes the site id in the attribute and in the script', () => {
    const siteId = `x</script><script>alert(1)</script><b title="'&`
    const page = demoPage({ siteId })
    const parsed = elements(page)
    const scripts = parsed.filter((el) => el.tagName === 'script')
    expect(scripts).toHaveLength(1)
    expect(parsed.some((el) => el.tagName === 'b' && attr(el, 'title') !== undefined)).toBe(false)
    const section = parsed.find((el) => attr(el, 'id') === 'comments') as Element
    expect(attr(section, 'data-site')).toBe(siteId)
    const literal = /const SITE = (".*")\n/.exec(textOf(scripts[0] as Element))?.[1] ?? ''
    expect(literal).not.toContain('<')
    expect(JSON.parse(literal)).toBe(siteId)
  })
})
