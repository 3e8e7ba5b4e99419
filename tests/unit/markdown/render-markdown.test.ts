import { describe, expect, it } from 'vitest'
import { LINK_REL, renderMarkdown } from '../../../shared/markdown/render-markdown.js'

const REL = 'rel="nofollow ugc noopener noreferrer"'

describe('renderMarkdown', () => {
  it('renders emphasis and strong', () => {
    expect(renderMarkdown('*a* _b_ **c**')).toBe('<p><em>a</em> <em>b</em> <strong>c</strong></p>')
  })

  it('trims the output', () => {
    expect(renderMarkdown('\n\nhello\n\n')).toBe('<p>hello</p>')
    expect(renderMarkdown('')).toBe('')
  })

  it('renders inline code, escaping its content', () => {
    expect(renderMarkdown('use `<b>x</b>` here')).toBe('<p>use <code>&lt;b&gt;x&lt;/b&gt;</code> here</p>')
  })

  it('renders fenced code with a language class and escapes a <script> inside', () => {
    expect(renderMarkdown('```js\n<script>alert(1)</script>\n```')).toBe(
      '<pre><code class="language-js">&lt;script&gt;alert(1)&lt;/script&gt;\n</code></pre>',
    )
  })

  it('keeps plain language classes and drops odd ones', () => {
    expect(renderMarkdown('```c++\nx\n```')).toBe('<pre><code class="language-c++">x\n</code></pre>')
    expect(renderMarkdown('```"><script>\nx\n```')).toBe('<pre><code>x\n</code></pre>')
    expect(renderMarkdown('```a&b\nx\n```')).toBe('<pre><code>x\n</code></pre>')
  })

  it('renders double-tilde strikethrough only', () => {
    expect(renderMarkdown('~~gone~~ ~kept~')).toBe('<p><del>gone</del> ~kept~</p>')
  })

  it('keeps headings, lists and blockquotes', () => {
    expect(renderMarkdown('# T\n\n> q\n\n- a\n- b')).toBe(
      '<h1>T</h1>\n<blockquote>\n<p>q</p>\n</blockquote>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>',
    )
  })

  describe('links', () => {
    it('autolinks https URLs, www. domains and e-mail addresses', () => {
      expect(renderMarkdown('see https://example.com now')).toBe(
        `<p>see <a href="https://example.com" ${REL}>https://example.com</a> now</p>`,
      )
      expect(renderMarkdown('www.example.com')).toBe(
        `<p><a href="http://www.example.com" ${REL}>www.example.com</a></p>`,
      )
      expect(renderMarkdown('me@example.com')).toBe(
        `<p><a href="mailto:me@example.com" ${REL}>me@example.com</a></p>`,
      )
    })

    it('keeps & in hrefs HTML-encoded', () => {
      expect(renderMarkdown('[q](https://example.com/?a=1&b=2)')).toBe(
        `<p><a href="https://example.com/?a=1&amp;b=2" ${REL}>q</a></p>`,
      )
    })

    it('puts the rel attribute on every kind of link and drops titles', () => {
      const html = renderMarkdown(
        [
          '[a](https://a.example "title")',
          '[b][ref]',
          '<https://c.example>',
          '<d@example.com>',
          'https://e.example',
          '[f](javascript:alert(1))',
          '',
          '[ref]: https://b.example',
        ].join('\n'),
      )
      const anchors = html.match(/<a [^>]*>/g) ?? []
      expect(anchors).toHaveLength(6)
      for (const anchor of anchors)
        expect(anchor).toMatch(/^<a href="[^"]*" rel="nofollow ugc noopener noreferrer">$/)
      expect(html).not.toContain('title=')
      expect(LINK_REL).toBe('nofollow ugc noopener noreferrer')
    })

    it('disables images: ![a](u) becomes ! and a link', () => {
      expect(renderMarkdown('![alt](https://evil.example/pixel.png)')).toBe(
        `<p>!<a href="https://evil.example/pixel.png" ${REL}>alt</a></p>`,
      )
      expect(renderMarkdown('![alt][i]\n\n[i]: https://evil.example/i.png')).toBe(
        `<p>!<a href="https://evil.example/i.png" ${REL}>alt</a></p>`,
      )
      expect(renderMarkdown('![alt](https://x.example/a.png)')).not.toContain('<img')
    })

    it('keeps http, https and mailto links (any case)', () => {
      expect(renderMarkdown('[a](HTTP://EXAMPLE.COM/X)')).toBe(
        `<p><a href="HTTP://EXAMPLE.COM/X" ${REL}>a</a></p>`,
      )
      expect(renderMarkdown('[a](MailTo:me@example.com)')).toBe(
        `<p><a href="MailTo:me@example.com" ${REL}>a</a></p>`,
      )
    })

    it.each([
      ['javascript', '[x](javascript:alert(1))'],
      ['mixed-case javascript', '[x](JaVaScRiPt:alert(1))'],
      ['javascript in angle brackets', '[x](<javascript:alert(1)>)'],
      ['javascript autolink', '<javascript:alert(1)>'],
      ['javascript reference definition', '[x][r]\n\n[r]: javascript:alert(1)'],
      ['vbscript', '[x](vbscript:msgbox(1))'],
      ['data', '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
      ['irc', '[x](irc://irc.example.net/chan)'],
      ['ircs autolink', '<ircs://irc.example.net/chan>'],
      ['IRC uppercase', '[x](IRC://irc.example.net)'],
      ['xmpp', '[x](xmpp:someone@example.com)'],
      ['XmPp autolink', '<XmPp:someone@example.com>'],
      ['hex entity', '[x](jav&#x61;script:alert(1))'],
      ['decimal entity', '[x](&#106;avascript:alert(1))'],
      ['named entity colon', '[x](javascript&colon;alert(1))'],
      ['entity tab', '[x](java&#09;script:alert(1))'],
      ['entity newline', '[x](java&#10;script:alert(1))'],
      ['leading spaces', '[x](   javascript:alert(1))'],
      ['leading entity space', '[x](&#32;javascript:alert(1))'],
      ['fullwidth letter', '[x](ｊavascript:alert(1))'],
      ['zero-width space', '[x](java\u200Bscript:alert(1))'],
      ['soft hyphen', '[x](java\u00ADscript:alert(1))'],
      ['RTL override', '[x](\u202Ejavascript:alert(1))'],
      ['cyrillic homoglyph scheme', '[x](httр://example.com)'],
      ['relative path', '[x](/admin)'],
      ['protocol-relative', '[x](//evil.example)'],
      ['fragment', '[x](#top)'],
      ['scheme-relative https', '[x](https:evil.example)'],
      ['backslashes', '[x](https:\\\\evil.example)'],
      ['unparsable host', '[x](http://)'],
    ])('neutralises %s', (_name, source) => {
      const html = renderMarkdown(source)
      const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((match) => match[1])
      expect(hrefs.length).toBeGreaterThan(0)
      for (const href of hrefs) expect(href).toBe('')
      expect(html).toContain(REL)
    })

    it('keeps the link text of a neutralised link', () => {
      expect(renderMarkdown('[click me](javascript:alert(1))')).toBe(`<p><a href="" ${REL}>click me</a></p>`)
    })

    it('does not make a link across a newline inside the destination', () => {
      const html = renderMarkdown('[x](java\nscript:alert(1))')
      expect(html).not.toContain('<a')
      expect(html).toBe('<p>[x](java\nscript:alert(1))</p>')
    })

    it('percent-encodes unicode tricks inside a kept URL', () => {
      expect(renderMarkdown('[x](https://example.com/\u202Egnp.exe)')).toBe(
        `<p><a href="https://example.com/%E2%80%AEgnp.exe" ${REL}>x</a></p>`,
      )
    })
  })

  describe('raw HTML', () => {
    it('shows <b> as text', () => {
      expect(renderMarkdown('<b>bold</b>')).toBe('<p>&lt;b&gt;bold&lt;/b&gt;</p>')
    })

    it('shows block HTML and anchors as text', () => {
      expect(renderMarkdown('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;')
      expect(renderMarkdown('<a href="javascript:alert(1)">x</a>')).toBe(
        '<p>&lt;a href=&quot;javascript:alert(1)&quot;&gt;x&lt;/a&gt;</p>',
      )
    })
  })
})
