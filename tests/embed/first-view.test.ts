import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { GOOGLE_CLIENT_ID } from '../helpers/google-sign-in.js'
import { type Api, type Blog, type BrowserSuite, useBrowserSuite } from './harness.js'
import {
  type LayoutShift,
  layoutShift,
  observeLayoutShift,
  scrollToComments,
  widgetSettled,
  wordpressLikePage,
} from './layout-shift.js'

// The first view's budgets (issue 17). Landing on #comments above an empty container cannot be 0:
// the footer under it is on screen in the page's first paint, before embed.js (async) runs, and
// the widget's first frame pushes it down once. This is that one shift on this page (0.29 when the
// list's arrival pushed it a second time); a blog gets 0 by including the fragment.
const SCROLLED_BUDGET = 0.01
const ANCHOR_BUDGET = 0.19

let suite: BrowserSuite
let blog: Blog
let api: Api
let url: string
useBrowserSuite(
  (s) => {
    suite = s
    ;({ blog, api } = s)
  },
  { api: () => ({ site: { providers: [{ id: 'google', type: 'google', clientId: GOOGLE_CLIENT_ID }] } }) },
)
beforeAll(async () => {
  url = blog.page('/post', wordpressLikePage(api.origin))
  const first = await api.seed(url, 'First! A comment with **two** paragraphs.\n\nThe second one.')
  await api.seed(url, 'A reply to the first', { parentId: first.id })
  await api.seed(url, 'Another thought, longer: '.repeat(8))
})

interface Visit extends LayoutShift {
  /** The API requests the page made (not embed.js), as `METHOD /path`. */
  requests: string[]
  page: Page
}

/**
 * Opens `address` in a fresh context (nothing cached) of a laptop's size, observing shifts from
 * its first frame; `act` is what the reader does; answers once the widget has settled.
 */
async function visit(address: string, act: (page: Page) => Promise<void> = async () => {}): Promise<Visit> {
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 720 } })
  const page = await context.newPage()
  const requests: string[] = []
  page.on('request', (request) => {
    const { origin, pathname } = new URL(request.url())
    if (origin === api.origin && pathname.startsWith('/v1/')) requests.push(`${request.method()} ${pathname}`)
  })
  await observeLayoutShift(page)
  await page.goto(address)
  await act(page)
  await widgetSettled(page)
  return { ...(await layoutShift(page)), requests, page }
}

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
    expect(shifts.flatMap((s) => s.sources).map((s) => s.split(' ')[0])).toEqual(['footer'])
    expect(cls, JSON.stringify(shifts)).toBeLessThan(ANCHOR_BUDGET)
  })
})
