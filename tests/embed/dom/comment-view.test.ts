// @vitest-environment happy-dom
// The widget's comment rendering in happy-dom: what a comment from the API turns into, hostile
// input included. (The Chromium suites check the same against the real API and browser.) Typed
// with the DOM lib by functions/embed/tsconfig.json, like the widget; the root project skips tests/embed/dom.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { wordListOf } from '../../../functions/embed/language-packs.js'
import { renderComment, type View } from '../../../functions/embed/src/comment-view.js'
import { pluralizer, translator } from '../../../functions/embed/src/i18n.js'
import { relativeTime } from '../../../functions/embed/src/time.js'
import type { Comment, CommentAuthor } from '../../../shared/contracts/index.js'

const t = translator(wordListOf('en'))

function view(overrides: Partial<View> = {}): View {
  return {
    t,
    lang: 'en',
    plural_: pluralizer(t, 'en'),
    pictures_: false,
    canChange_: () => false,
    liked_: () => undefined,
    like_: vi.fn(),
    reply_: vi.fn(),
    edit_: vi.fn(),
    remove_: vi.fn(),
    ...overrides,
  }
}

const author = (overrides: Partial<CommentAuthor> = {}): CommentAuthor => ({
  name: 'Ada Lovelace',
  website: null,
  avatar: null,
  provider: 'guest',
  verified: false,
  moderator: false,
  ...overrides,
})

const comment = (overrides: Partial<Comment> = {}): Comment => ({
  id: 'c1',
  parentId: null,
  depth: 0,
  author: author(),
  html: '<p>Hello</p>',
  createdAt: new Date(Date.now() - 3 * 3_600_000).toISOString(),
  editedAt: null,
  deleted: false,
  pinned: false,
  reactions: { like: 0 },
  ...overrides,
})

const render = (c: Comment, v = view(), pending = false) => renderComment(c, v, pending)
const buttons = (el: Element) => Array.from(el.querySelectorAll('button'), (b) => b.textContent)

afterEach(() => {
  vi.useRealTimers()
})

describe('a comment’s author', () => {
  const HOSTILE_NAMES = [
    '<img src=x onerror=alert(1)>',
    '<script>alert(1)</script>',
    '"><svg onload=alert(1)>',
    '&lt;b&gt;not bold&lt;/b&gt;',
    '<a href="javascript:alert(1)">Eve</a>',
  ]

  it('shows a hostile name as the text it is, never as markup', () => {
    for (const name of HOSTILE_NAMES) {
      const li = render(comment({ author: author({ name }) }))
      expect(li.querySelector('.nm')?.textContent, name).toBe(name)
      expect(li.querySelectorAll('img, script, svg, a').length, name).toBe(0)
      // The article is named by the author's name, through the element that holds it as text.
      const article = li.querySelector('article')
      expect(li.querySelector(`#${article?.getAttribute('aria-labelledby')}`)?.textContent).toBe(name)
    }
  })

  it('links an http(s) website with rel="nofollow ugc", the address as an attribute only', () => {
    for (const website of [
      'https://ada.example/',
      'http://ada.example/blog?x=1&y=2',
      'https://a.example/"onmouseover="x',
    ]) {
      const link = render(comment({ author: author({ website }) })).querySelector('a.nm')
      expect(link?.getAttribute('href'), website).toBe(website)
      expect(link?.getAttribute('rel')?.split(' '), website).toEqual(
        expect.arrayContaining(['nofollow', 'ugc']),
      )
      expect(link?.getAttributeNames().sort(), website).toEqual(['class', 'href', 'id', 'rel'])
      expect(link?.textContent).toBe('Ada Lovelace')
    }
  })

  it('does not link a website that is not http(s): javascript:, data:, relative and broken ones', () => {
    const refused = [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'ftp://files.example/',
      '//evil.example/',
      '/relative',
      'not a url',
    ]
    for (const website of refused) {
      const li = render(comment({ author: author({ website }) }))
      expect(li.querySelectorAll('a').length, website).toBe(0)
      expect(li.querySelector('span.nm')?.textContent, website).toBe('Ada Lovelace')
    }
  })

  it('shows initials on a colour picked from the name, hidden from assistive technology', () => {
    const initials = (name: string) => render(comment({ author: author({ name }) })).querySelector('.av')
    const cases: [string, string][] = [
      ['Ada Lovelace', 'AL'],
      ['ada', 'A'],
      ['  spaced   out  name ', 'SO'],
      ['élodie durand', 'ÉD'],
      ['😀 Smile', '😀S'],
      ['<b>x</b> y', '<Y'],
    ]
    for (const [name, expected] of cases) {
      const avatar = initials(name)
      expect(avatar?.tagName, name).toBe('SPAN')
      expect(avatar?.textContent, name).toBe(expected)
      expect(avatar?.getAttribute('aria-hidden'), name).toBe('true')
    }
    const colour = (name: string) => (initials(name) as HTMLElement).style.background
    expect(colour('Ada Lovelace')).toBe(colour('Ada Lovelace'))
    expect(colour('Ada Lovelace')).not.toBe(colour('Grace Hopper'))
  })

  it('shows the provider’s picture only where the blog asks for pictures, and only over https', () => {
    const picture = 'https://pictures.example/ada.png'
    const withPicture = render(comment({ author: author({ avatar: picture }) }), view({ pictures_: true }))
    const img = withPicture.querySelector('img.av')
    expect(img?.getAttribute('src')).toBe(picture)
    expect(img?.getAttribute('alt')).toBe('')
    expect(img?.getAttribute('referrerpolicy')).toBe('no-referrer')

    const plain = render(
      comment({ author: author({ avatar: 'http://pictures.example/ada.png' }) }),
      view({ pictures_: true }),
    )
    expect(plain.querySelector('img')).toBeNull()
    expect(render(comment({ author: author({ avatar: picture }) })).querySelector('img')).toBeNull()
  })

  it('marks moderators and pinned comments', () => {
    const li = render(comment({ author: author({ moderator: true }), pinned: true }))
    expect(Array.from(li.querySelectorAll('.bg'), (b) => b.textContent)).toEqual(['Moderator', 'Pinned'])
    expect(li.classList.contains('pin')).toBe(true)
  })
})

describe('a comment’s text and time', () => {
  it('puts in the HTML the API rendered, so escaped text stays text', () => {
    const li = render(
      comment({ html: '<p>&lt;script&gt;alert(1)&lt;/script&gt; and <strong>bold</strong></p>' }),
    )
    expect(li.querySelector('.tx')?.textContent).toBe('<script>alert(1)</script> and bold')
    expect(li.querySelector('.tx script')).toBeNull()
    expect(li.querySelector('.tx strong')?.textContent).toBe('bold')
  })

  it('says how long ago, with the exact time as the title and the ISO time as datetime', () => {
    vi.useFakeTimers({ now: Date.parse('2026-03-17T12:00:00Z') })
    const createdAt = '2026-03-14T12:00:00.000Z'
    const time = render(comment({ createdAt })).querySelector('time')
    expect(time?.textContent).toBe('3 days ago')
    expect(time?.getAttribute('datetime')).toBe(createdAt)
    expect(time?.getAttribute('title')).toMatch(/^March 14, 2026 at \d{1,2}:\d\d\s?[AP]M$/)
    expect(render(comment({ editedAt: createdAt })).querySelector('.mt')?.textContent).toContain('edited')
  })

  it('counts time in the reader’s language, from "now" to years', () => {
    const now = Date.parse('2026-03-17T12:00:00Z')
    const ago = (seconds: number, lang = 'en') =>
      relativeTime(new Date(now - seconds * 1000).toISOString(), lang, now)
    expect(ago(3)).toBe('now')
    expect(ago(45)).toBe('45 seconds ago')
    expect(ago(5 * 60)).toBe('5 minutes ago')
    expect(ago(86_400)).toBe('yesterday')
    expect(ago(3 * 7 * 86_400)).toBe('3 weeks ago')
    expect(ago(2 * 365 * 86_400)).toBe('2 years ago')
    expect(ago(86_400, 'de')).toBe('gestern')
    // A reader's clock behind the server's: a comment from "the future" is simply new.
    expect(ago(-40)).toBe('now')
  })
})

describe('a deleted comment with replies', () => {
  it('is a tombstone: the words "This comment was deleted.", no author, no actions', () => {
    const li = render(
      comment({ deleted: true, author: null, html: '', reactions: { like: 4 } }),
      view({ liked_: () => false, canChange_: () => true }),
    )
    expect(li.querySelector('article')?.textContent).toBe('This comment was deleted.')
    expect(li.querySelectorAll('button, a, time, .nm').length).toBe(0)
    const avatar = li.querySelector('.av') as HTMLElement
    expect(avatar.textContent).toBe('')
    expect(avatar.style.background).toBe('transparent')
  })
})

describe('a comment’s actions', () => {
  it('offers a guest Reply and shows the likes, without a Like button', () => {
    const li = render(comment({ reactions: { like: 3 } }))
    expect(buttons(li)).toEqual(['Reply'])
    expect(li.querySelector('.lc')?.textContent).toBe('3 likes')
  })

  it('offers a signed-in reader Like, pressed when they liked it, and hides a count of none', () => {
    const one = render(comment({ reactions: { like: 1 } }), view({ liked_: () => true }))
    const like = one.querySelector('button')
    expect(like?.textContent).toBe('Like')
    expect(like?.getAttribute('aria-pressed')).toBe('true')
    expect(one.querySelector('.lc')?.textContent).toBe('1 like')

    const none = render(comment(), view({ liked_: () => false }))
    expect(none.querySelector('button')?.getAttribute('aria-pressed')).toBe('false')
    expect((none.querySelector('.lc') as HTMLElement).hidden).toBe(true)
  })

  it('hands a Like click to the widget with a way to show the new count', () => {
    const like = vi.fn()
    const li = render(comment({ reactions: { like: 1 } }), view({ liked_: () => false, like_: like }))
    li.querySelector('button')?.click()
    expect(like).toHaveBeenCalledTimes(1)
    const [c, button, show] = like.mock.calls[0] as [Comment, HTMLButtonElement, (n: number) => string]
    expect(c.id).toBe('c1')
    expect(button.textContent).toBe('Like')
    expect(show(2)).toBe('2 likes')
    expect(li.querySelector('.lc')?.textContent).toBe('2 likes')
    show(0)
    expect((li.querySelector('.lc') as HTMLElement).hidden).toBe(true)
  })

  it('offers Edit and Delete only on the reader’s own comment; a pending one has no Reply or Like', () => {
    expect(buttons(render(comment(), view({ canChange_: () => true })))).toEqual(['Reply', 'Edit', 'Delete'])
    const pending = render(comment(), view({ canChange_: () => true, liked_: () => false }), true)
    expect(buttons(pending)).toEqual(['Edit', 'Delete'])
    expect(pending.querySelector('.bg')?.textContent).toBe('Awaiting moderation')
  })

  it('names every action by its comment’s author, for screen readers', () => {
    const li = render(comment(), view({ canChange_: () => true, liked_: () => false }))
    const nameId = li.querySelector('.nm')?.id
    for (const button of li.querySelectorAll('button'))
      expect(button.getAttribute('aria-describedby'), button.textContent ?? '').toBe(nameId)
  })
})
