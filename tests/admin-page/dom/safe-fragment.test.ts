// @vitest-environment happy-dom
// The moderation page's guard on a comment's HTML (functions/admin/src/safe-fragment.ts), in
// happy-dom. Typed with the DOM lib by functions/admin/tsconfig.json; the root project skips this folder.
import { describe, expect, it } from 'vitest'
import { safeFragment } from '../../../functions/admin/src/safe-fragment.js'

const shown = (markup: string) => {
  const div = document.createElement('div')
  div.append(safeFragment(markup))
  return div
}

describe("the moderation page's guard on a comment's HTML", () => {
  it('keeps what the Markdown renderer writes, as it wrote it', () => {
    const markup =
      '<p>A <em>b</em> <strong>c</strong> <del>d</del> <code>e</code><br></p><blockquote><p>q</p></blockquote>' +
      '<ul><li>one</li></ul><ol start="3"><li>three</li></ol><pre><code class="language-ts">x</code></pre><hr><h2>H</h2>'
    expect(shown(markup).innerHTML).toBe(markup)
  })

  it('makes every link open apart and unendorsed, and keeps only a web or mail address', () => {
    const div = shown(
      '<p><a href="https://ok.example/">web</a> <a href="MAILTO:a@b.example">mail</a> ' +
        '<a href="javascript:alert(1)">js</a> <a href="data:text/html,x">data</a> <a href="/relative">rel</a></p>',
    )
    const links = [...div.querySelectorAll('a')]
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      'https://ok.example/',
      'MAILTO:a@b.example',
      null,
      null,
      null,
    ])
    for (const a of links) {
      expect(a.getAttribute('rel')).toBe('nofollow ugc noopener noreferrer')
      expect(a.getAttribute('target')).toBe('_blank')
    }
  })

  it('drops every other attribute: handlers, styles, ids, a language class that is not one', () => {
    const div = shown(
      '<p id="x" onclick="pwned()" style="color:red">p</p><code class="language-js x">c</code>' +
        '<code class="language-c++">d</code><ol start="1; x" onmouseover="pwned()"><li>l</li></ol>',
    )
    expect(div.innerHTML).toBe('<p>p</p><code>c</code><code class="language-c++">d</code><ol><li>l</li></ol>')
  })

  it('turns an element it does not allow into its text, and drops scripts and styles with theirs', () => {
    const div = shown(
      '<p>a<img src="https://x.example/a.png" onerror="pwned()"><span>kept <b>text</b></span>' +
        '<script>pwned()</script><style>p{}</style><noscript>n</noscript>' +
        '<textarea>t</textarea><svg><a href="https://x.example/">s</a></svg><!-- note -->b</p>',
    )
    expect(div.innerHTML).toBe('<p>akept textsb</p>')
    expect(div.querySelectorAll('img, span, b, script, style, noscript, textarea, svg').length).toBe(0)
  })

  it("shows the Chromium suite's hostile comment exactly as the page must", () => {
    const div =
      shown(`<p>hostile <strong>ok</strong><img src="https://x.example/a.png" onerror="pwned=2"><script>pwned=3</script>
<a href="javascript:pwned=4" title="t">bad link</a> <a href="https://ok.example/" onclick="pwned=5">good link</a></p>
<iframe src="https://x.example/"></iframe><code class="language-js x" style="color:red">code</code>`)
    expect(div.innerHTML).toBe(
      '<p>hostile <strong>ok</strong>\n<a rel="nofollow ugc noopener noreferrer" target="_blank">bad link</a> ' +
        '<a href="https://ok.example/" rel="nofollow ugc noopener noreferrer" target="_blank">good link</a></p>\n' +
        '<code>code</code>',
    )
  })
})
