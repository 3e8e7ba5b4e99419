import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { GOOGLE_CLIENT_ID } from '../helpers/google-sign-in.js'
import { axe, type BrowserSuite, until, useBrowserSuite } from './harness.js'
import { scrollToComments, visitPage, wordpressLikePage } from './layout-shift.js'

// The first view's budgets (issue 17). Landing on #comments above an empty container is 0 only when
// Chromium's first paint comes before its jump to #comments: when the jump comes first, the footer
// under the empty container is on screen before embed.js (async) runs, and the widget's first frame
// pushes it down once. This is that one shift on this page (0.29 when the list's arrival pushed it a
// second time); a blog gets 0 every time by including the fragment.
// Callbacks given to page.evaluate run in the browser; these files are typed without the DOM lib.
declare const document: any

const SCROLLED_BUDGET = 0.01
const ANCHOR_BUDGET = 0.19

let suite: BrowserSuite
let url: string
useBrowserSuite(
  (s) => {
    suite = s
  },
  { api: () => ({ site: { providers: [{ id: 'google', type: 'google', clientId: GOOGLE_CLIENT_ID }] } }) },
)
beforeAll(async () => {
  url = suite.blog.page('/post', wordpressLikePage(suite.api.origin))
  const first = await suite.api.seed(url, 'First! A comment with **two** paragraphs.\n\nThe second one.')
  await suite.api.seed(url, 'A reply to the first', { parentId: first.id })
  await suite.api.seed(url, 'Another thought, longer: '.repeat(8))
})

const visit = (address: string, act?: (page: Page) => Promise<void>) =>
  visitPage(suite.browser, suite.api.origin, address, act)

describe('the widget’s first view on a long WordPress-like page with a hostile theme', () => {
  it('renders the comments, their count and the sign-in buttons with one API request', async () => {
    const { requests, page } = await visit(url, scrollToComments)
    expect(requests).toEqual(['GET /v1/sites/demo/comments'])
    const root = page.locator('#comments')
    await expect(root.getByRole('heading', { name: '3 comments' }).isVisible()).resolves.toBe(true)
    await expect(root.getByRole('button', { name: 'Sign in with Google' }).isVisible()).resolves.toBe(true)
    await expect(root.getByText('A reply to the first').isVisible()).resolves.toBe(true)
    await page.context().close()
  })

  it('shifts the layout by less than 0.01 when the reader scrolls down to the comments', async () => {
    const { cls, shifts, page } = await visit(url, scrollToComments)
    await page.context().close()
    expect(cls, JSON.stringify(shifts)).toBeLessThan(SCROLLED_BUDGET)
  })

  it('shifts the layout once, the footer at the widget’s first frame, when the reader lands on #comments', async () => {
    const { cls, shifts, page } = await visit(`${url}#comments`)
    await page.context().close()
    for (const moved of shifts.flatMap((s) => s.sources)) expect(moved).toMatch(/^footer /)
    expect(cls, JSON.stringify(shifts)).toBeLessThan(ANCHOR_BUDGET)
  })
})

/** Markup in a comment: escaped by the server's Markdown, shown as text by the adopting widget. */
const HOSTILE = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>'

/** The widget in its shadow root, not the fragment it adopted (still in the page, not shown). */
const WIDGET = '#comments section.p:not([data-parley-ssr])'

describe('the widget’s first view over server-rendered comments (comments.html in the container)', () => {
  let ssrUrl: string
  beforeAll(async () => {
    ssrUrl = `${suite.blog.origin}/ssr-post`
    const first = await suite.api.seed(ssrUrl, 'Rendered on the server, **adopted** in the browser.')
    await suite.api.seed(ssrUrl, 'A reply in the fragment', { parentId: first.id })
    await suite.api.seed(ssrUrl, `${HOSTILE} A third comment, to have a list: `.repeat(3))
    const res = await suite.api.app.request(`/v1/sites/demo/comments.html?page=${encodeURIComponent(ssrUrl)}`)
    expect(res.status).toBe(200)
    suite.blog.page('/ssr-post', wordpressLikePage(suite.api.origin, await res.text()))
  })

  for (const [how, address, act] of [
    ['lands on #comments', () => `${ssrUrl}#comments`, async () => {}],
    ['scrolls down to them', () => ssrUrl, scrollToComments],
  ] as const) {
    it(`adopts them with no list request and no layout shift when the reader ${how}`, async () => {
      const { cls, shifts, requests, page } = await visit(address(), act)
      const root = page.locator('#comments')
      const shadowHeading = await page.evaluate(
        () => document.querySelector('#comments').shadowRoot?.querySelector('h2')?.textContent,
      )
      const replyButtons = await root.getByRole('button', { name: 'Reply', exact: true }).count()
      const signIn = await root.getByRole('button', { name: 'Sign in with Google' }).isVisible()
      const hostile = await page.evaluate(() => ({
        ran: (globalThis as any).pwned,
        shown: document.querySelector('#comments').shadowRoot.querySelector('ol.list').textContent,
      }))
      await page.context().close()
      expect(hostile.ran).toBeUndefined()
      expect(hostile.shown).toContain('<img src=x onerror=')
      expect(requests).toEqual(['GET /v1/sites/demo/auth/providers'])
      expect(shadowHeading).toBe('3 comments')
      expect(replyButtons).toBe(3)
      expect(signIn).toBe(true)
      expect(cls, JSON.stringify(shifts)).toBe(0)
    })
  }

  it('posts a reply to an adopted comment into its thread, with the form token, and axe finds nothing', async () => {
    const { page } = await visit(`${ssrUrl}#comments`)
    const posts: string[] = []
    page.on('request', (r) => {
      if (r.method() === 'POST') posts.push(r.postData() ?? '')
    })
    const root = page.locator(WIDGET)
    const thread = root.locator('ol.list > li').first()
    await thread.locator(':scope > article').getByRole('button', { name: 'Reply', exact: true }).click()
    const form = root.locator('form').filter({ hasText: 'Reply to Seeder' })
    await form.getByLabel('Comment', { exact: true }).fill('Replying to what the server rendered')
    await form.getByLabel('Name', { exact: true }).fill('Grace')
    await form.getByRole('button', { name: 'Post comment' }).click()
    const reply = thread.locator('li.c').filter({ hasText: 'Replying to what the server rendered' })
    await reply.waitFor()
    expect(await thread.locator('li.c').count()).toBe(2)
    expect(await root.getByRole('heading', { name: '4 comments' }).count()).toBe(1)
    expect(JSON.parse(posts[0] ?? '{}')).toMatchObject({
      parentId: expect.any(String),
      formToken: expect.any(String),
    })
    const scan = await axe(page)
    await page.context().close()
    expect(scan.violations).toEqual([])
    expect(scan.labelled).toBeGreaterThanOrEqual(5)
  })

  it('loads the comments after the fragment’s from its cursor, in its sort', async () => {
    const url = `${suite.blog.origin}/ssr-paged`
    for (const n of [1, 2, 3]) await suite.api.seed(url, `Paged comment ${n}`)
    const query = `page=${encodeURIComponent(url)}&sort=newest&limit=2`
    const fragment = await (await suite.api.app.request(`/v1/sites/demo/comments.html?${query}`)).text()
    suite.blog.page('/ssr-paged', wordpressLikePage(suite.api.origin, fragment))
    const { page, requests } = await visit(url, scrollToComments)
    const root = page.locator(WIDGET)
    const texts = () => root.locator('.tx').allTextContents()
    expect(await texts()).toEqual(['Paged comment 3', 'Paged comment 2'])
    expect(await root.getByRole('button', { name: 'Newest' }).getAttribute('aria-pressed')).toBe('true')
    await root.getByRole('button', { name: 'Show more comments' }).click()
    await until(texts).toEqual(['Paged comment 3', 'Paged comment 2', 'Paged comment 1'])
    expect(requests.filter((r) => r.includes('/comments'))).toEqual(['GET /v1/sites/demo/comments'])
    await page.context().close()
  })
})
