import { type DefaultTreeAdapterTypes, parseFragment } from 'parse5'

/** Hand-written hostile inputs, on top of the Big List of Naughty Strings. */
export const HOSTILE: readonly string[] = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<body onload=alert(1)>',
  '<div onmouseover="alert(1)">hover</div>',
  '<details open ontoggle=alert(1)>',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<textarea></textarea><script>alert(1)</script>',
  '<!-- c --><script>alert(1)</script>',
  '<![CDATA[<script>alert(1)</script>]]>',
  '<a href="javascript:alert(1)">x</a>',
  '<div>\n\n**bold** [x](javascript:alert(1))\n\n</div>',
  '<style>body{display:none}</style>',
  '<form action="https://evil.example"><input name=p><button>go</button></form>',
  '<object data="https://evil.example/x.swf"></object>',
  '<embed src="https://evil.example/x.swf">',
  '<base href="https://evil.example/">',
  '<meta http-equiv="refresh" content="0;url=https://evil.example">',
  '[x](javascript:alert(1))',
  '[x](JaVaScRiPt:alert(1))',
  '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[x](vbscript:msgbox(1))',
  '[x](irc://irc.example.net/chan)',
  '<xmpp:someone@example.com>',
  '<javascript:alert(1)>',
  '[x](jav&#x61;script:alert(1))',
  '[x](&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1))',
  '[x](javascript&colon;alert(1))',
  '[x](  javascript:alert(1))',
  '[x](java\nscript:alert(1))',
  '[x](java&#10;script:alert(1))',
  '[x][r]\n\n[r]: javascript:alert(1)',
  '[r]\n\n[r]: <javascript:alert(1)> "t"',
  '[x](ｊａｖａｓｃｒｉｐｔ:alert(1))',
  '[x](java\u200Bscript:alert(1))',
  '[x](\u202Ehttps://evil.example)',
  '[x](https://example.com/\u202Egnp.exe)',
  'https://exаmple.com', // Cyrillic "а"
  '[x](httр://example.com)', // Cyrillic "р" in the scheme
  '[x](//evil.example)',
  '[x](/relative)',
  '[x](https:evil.example)',
  '[x](https://example.com "t\\" onmouseover=\\"alert(1)")',
  '[x](<https://example.com" onmouseover="alert(1)>)',
  'https://example.com/"onmouseover="alert(1)',
  'www.example.com/<script>alert(1)</script>',
  'a@b.co<script>alert(1)</script>',
  '[<img src=x onerror=alert(1)>](https://example.com)',
  '![x](https://evil.example/track.png)',
  '![x](javascript:alert(1))',
  '```"><script>alert(1)</script>\nx\n```',
  '`<script>alert(1)</script>`',
  '&lt;script&gt; &#60;script&#62;alert(1)&#60;/script&#62;',
]

const ALLOWED_ELEMENTS = new Set([
  'p',
  'a',
  'em',
  'strong',
  'code',
  'pre',
  'del',
  'br',
  'blockquote',
  'ul',
  'ol',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
])
const ALLOWED_ATTRIBUTES: Record<string, (value: string) => boolean> = {
  'a href': () => true, // checked separately below
  'a rel': (value) => value === 'nofollow ugc noopener noreferrer',
  'code class': (value) => /^language-[\w+#.-]+$/.test(value),
  'ol start': (value) => /^\d+$/.test(value),
}
const ALLOWED_PROTOCOLS = new Set(['http:', 'https:', 'mailto:'])

function checkHref(href: string): string | undefined {
  if (href === '') return undefined
  let url: URL
  try {
    url = new URL(href)
  } catch {
    return `href ${JSON.stringify(href)} is not an absolute URL`
  }
  return ALLOWED_PROTOCOLS.has(url.protocol)
    ? undefined
    : `href ${JSON.stringify(href)} has protocol ${url.protocol}`
}

/** Walks the parsed fragment and returns every violation of the allow-lists. */
export function violations(html: string): string[] {
  const found: string[] = []
  const visit = (node: DefaultTreeAdapterTypes.ParentNode): void => {
    for (const child of node.childNodes) {
      if (child.nodeName === '#text') continue
      if (!('tagName' in child)) {
        found.push(`unexpected ${child.nodeName} node`)
        continue
      }
      const tag = child.tagName
      if (!ALLOWED_ELEMENTS.has(tag)) found.push(`element <${tag}>`)
      for (const { name, value } of child.attrs) {
        const allowed = ALLOWED_ATTRIBUTES[`${tag} ${name}`]
        if (!allowed) found.push(`attribute ${name} on <${tag}>`)
        else if (!allowed(value)) found.push(`attribute ${name}=${JSON.stringify(value)} on <${tag}>`)
      }
      if (tag === 'a') {
        const rel = child.attrs.find((attr) => attr.name === 'rel')
        if (!rel) found.push('<a> without rel')
        const href = child.attrs.find((attr) => attr.name === 'href')
        const problem = href && checkHref(href.value)
        if (problem) found.push(problem)
      }
      visit(child)
    }
  }
  visit(parseFragment(html))
  return found
}
