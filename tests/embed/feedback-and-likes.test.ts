import type { Page, Request } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { KeyServer } from '../helpers/key-server.js'
import { bodyOf } from '../helpers/route-contract.js'
import {
  type Api,
  type Blog,
  blogPost,
  likeAs,
  signInToWidget,
  until,
  useBrowserSuiteWithGoogle,
  widgetReady,
} from './harness.js'

// Callbacks given to page.evaluate run in the browser; these files are typed without the DOM lib.
declare const window: any
declare const localStorage: any

let blog: Blog
let api: Api
let keys: KeyServer
let page: Page
useBrowserSuiteWithGoogle((suite) => {
  ;({ blog, api, keys, page } = suite)
})

const adminGet = async (path: string) =>
  bodyOf(
    await api.app.request(path, { headers: { Authorization: `Bearer ${api.adminKey}` } }),
    'adminFeedback',
    200,
  )
/** The page's feedback summary, as any client reads it. */
const summary = async (url: string) =>
  (await api.app.request(`/v1/sites/demo/feedback?page=${encodeURIComponent(url)}`)).json()

/** The bodies the page POSTs to `…/feedback` from now on. */
function recordVotes(p: Page) {
  const votes: Record<string, unknown>[] = []
  p.on('request', (r: Request) => {
    if (r.method() === 'POST' && r.url().endsWith('/feedback')) votes.push(r.postDataJSON())
  })
  return votes
}

describe('"Was this page helpful?" (data-feedback="on")', () => {
  it('casts a vote, changes it, and sends a message; the page summary follows', async () => {
    const url = blog.page('/helpful', blogPost(api.origin, { attrs: 'data-feedback="on"' }))
    const votes = recordVotes(page)
    await page.goto(url)
    await widgetReady(page)
    const box = page.getByRole('group', { name: 'Was this page helpful?' })
    const yes = box.getByRole('button', { name: 'Yes', exact: true })
    const no = box.getByRole('button', { name: 'No', exact: true })
    expect(await yes.getAttribute('aria-pressed')).toBe('false')
    expect(await no.getAttribute('aria-pressed')).toBe('false')
    expect(await summary(url)).toEqual({ up: 0, down: 0 })

    await yes.click()
    await until(() => summary(url)).toEqual({ up: 1, down: 0 })
    await until(() => box.textContent()).toContain('Thanks for your feedback!')
    expect(await yes.getAttribute('aria-pressed')).toBe('true')

    // "Tell us more": the message goes with the vote, and moderators read it.
    const more = page.locator('#comments').getByLabel('Tell us more')
    await more.fill('Clear, but the second example needs a diagram.')
    await page.getByRole('button', { name: 'Send', exact: true }).click()
    await until(
      async () => (await adminGet(`/v1/admin/sites/demo/feedback?page=${encodeURIComponent(url)}`)).entries,
    ).toMatchObject([{ vote: 'up', message: 'Clear, but the second example needs a diagram.' }])
    await until(() => more.isVisible()).toBe(false)
    expect(await summary(url)).toEqual({ up: 1, down: 0 }) // the message did not count twice

    await no.click()
    await until(() => summary(url)).toEqual({ up: 0, down: 1 })
    await until(() => box.textContent()).toContain('Vote changed. Thanks!')
    expect(await no.getAttribute('aria-pressed')).toBe('true')
    expect(await yes.getAttribute('aria-pressed')).toBe('false')

    // The same anonymous visitor every time, within the contract's 8..64 printable characters.
    expect(votes.map((v) => v.vote)).toEqual(['up', 'up', 'down'])
    const visitors = new Set(votes.map((v) => v.visitor))
    expect(visitors.size).toBe(1)
    expect([...visitors][0]).toMatch(/^[\x21-\x7e]{8,64}$/)
    expect(votes[0]).toMatchObject({ page: url })

    // Another day: the vote is remembered, and the keyboard changes it as the same visitor.
    await page.reload()
    await widgetReady(page)
    expect(await no.getAttribute('aria-pressed')).toBe('true')
    await yes.focus()
    await page.keyboard.press('Enter')
    await until(() => summary(url)).toEqual({ up: 1, down: 0 })
    expect(new Set(votes.map((v) => v.visitor)).size).toBe(1)
    page.removeAllListeners('request')
  })

  it('counts each visitor once: a second reader’s vote adds to the first', async () => {
    const url = blog.page('/helpful-twice', blogPost(api.origin, { attrs: 'data-feedback="on"' }))
    await page.goto(url)
    await widgetReady(page)
    await page.getByRole('button', { name: 'Yes', exact: true }).click()
    await until(() => summary(url)).toEqual({ up: 1, down: 0 })
    // Once the widget has the answer (and has stored the vote), forget everything: a new visitor.
    await until(() => page.locator('#comments').getByText('Thanks for your feedback!').count()).toBe(1)
    await page.evaluate(() => localStorage.clear())
    await page.reload()
    await widgetReady(page)
    await page.getByRole('button', { name: 'Yes', exact: true }).click()
    await until(() => summary(url)).toEqual({ up: 2, down: 0 })
  })

  it('is there only when asked, on the script or on the container', async () => {
    await page.goto(blog.page('/no-feedback', blogPost(api.origin)))
    await widgetReady(page)
    expect(await page.getByRole('group', { name: 'Was this page helpful?' }).count()).toBe(0)

    const onContainer = blogPost(api.origin).replace(
      '<div id="comments">',
      '<div id="comments" data-feedback="on">',
    )
    await page.goto(blog.page('/feedback-on-container', onContainer))
    await widgetReady(page)
    expect(await page.getByRole('group', { name: 'Was this page helpful?' }).count()).toBe(1)

    await page.goto(
      blog.page('/feedback-de', blogPost(api.origin, { attrs: 'data-feedback="on" data-lang="de"' })),
    )
    await widgetReady(page)
    const box = page.getByRole('group', { name: 'War diese Seite hilfreich?' })
    expect(await box.getByRole('button', { name: 'Ja', exact: true }).count()).toBe(1)
  })
})

describe('likes', () => {
  /** The comment's like count as the API lists it. */
  const listedLikes = async (url: string) => {
    const res = await api.app.request(`/v1/sites/demo/comments?page=${encodeURIComponent(url)}`)
    return ((await res.json()) as { comments: { reactions: { like: number } }[] }).comments[0]?.reactions.like
  }

  it('lets a signed-in reader like and unlike; guests see the count but get no button', async () => {
    const url = blog.page('/likes', blogPost(api.origin))
    const { id } = await api.seed(url, 'Worth a like')
    await likeAs(api, keys, 'other-reader', id)

    await page.goto(url)
    await widgetReady(page)
    const item = page.locator('#comments ol.list > li').first()
    const like = item.getByRole('button', { name: 'Like', exact: true })
    expect(await item.locator('.lc').textContent()).toBe('1 like')
    expect(await like.count()).toBe(0) // a guest

    await signInToWidget(page, keys, 'liker')
    await until(() => like.count()).toBe(1)
    expect(await like.getAttribute('aria-pressed')).toBe('false')

    const requests: string[] = []
    page.on('request', (r: Request) => {
      if (r.url().includes('/reactions/like'))
        requests.push(`${r.method()} ${r.headers().authorization?.slice(0, 9)}`)
    })
    await like.click()
    await until(() => like.getAttribute('aria-pressed')).toBe('true')
    expect(await item.locator('.lc').textContent()).toBe('2 likes')
    expect(await listedLikes(url)).toBe(2)

    // Remembered across a reload; the keyboard takes the like back.
    await page.reload()
    await widgetReady(page)
    expect(await like.getAttribute('aria-pressed')).toBe('true')
    expect(await item.locator('.lc').textContent()).toBe('2 likes')
    await like.focus()
    await page.keyboard.press('Enter')
    await until(() => like.getAttribute('aria-pressed')).toBe('false')
    expect(await item.locator('.lc').textContent()).toBe('1 like')
    expect(await listedLikes(url)).toBe(1)
    expect(requests).toEqual(['PUT Bearer ey', 'DELETE Bearer ey'])
    page.removeAllListeners('request')

    await page.evaluate(() => window.Parley.signOut())
    await until(() => like.count()).toBe(0)
    expect(await item.locator('.lc').textContent()).toBe('1 like')
  })

  it('sorts threads most liked first with "Top"', async () => {
    const url = blog.page('/top', blogPost(api.origin))
    const first = await api.seed(url, 'First, liked once')
    await api.seed(url, 'Second, not liked')
    const third = await api.seed(url, 'Third, liked twice')
    await likeAs(api, keys, 'top-a', first.id)
    await likeAs(api, keys, 'top-a', third.id)
    await likeAs(api, keys, 'top-b', third.id)
    await page.goto(url)
    await widgetReady(page)
    const texts = () => page.locator('#comments ol.list > li .tx').allTextContents()
    expect(await texts()).toEqual(['First, liked once', 'Second, not liked', 'Third, liked twice'])
    const top = page.getByRole('group', { name: 'Sort comments' }).getByRole('button', { name: 'Top' })
    await top.click()
    await until(texts).toEqual(['Third, liked twice', 'First, liked once', 'Second, not liked'])
    expect(await top.getAttribute('aria-pressed')).toBe('true')
    expect(await page.getByRole('button', { name: 'Oldest' }).getAttribute('aria-pressed')).toBe('false')
  })
})
