import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { jsonRequest } from '../helpers/test-app.js'
import { type Api, type Blog, blogPost, until, useBrowserSuite, widgetReady } from './harness.js'

// Callbacks given to page.evaluate run in the browser; these files are typed without the DOM lib.
declare const window: any
declare const document: any
declare const PerformanceObserver: any

let browser: Browser
let blog: Blog
let api: Api
let page: Page
useBrowserSuite((suite) => {
  ;({ browser, blog, api, page } = suite)
})

/** Requests the page made, by origin, from now on. */
function recordRequests(p: Page) {
  const urls: string[] = []
  p.on('request', (request) => void urls.push(request.url()))
  return urls
}

const moderate = (action: string, ids: string[]) =>
  api.app.request(
    '/v1/admin/sites/demo/moderation',
    jsonRequest('POST', { action, ids }, { Authorization: `Bearer ${api.adminKey}` }),
  )

describe('the widget renders a page of comments', () => {
  it('shows threads, authors, times, pinned first and tombstones, from one API request', async () => {
    const url = blog.page('/threads', blogPost(api.origin))
    const first = await api.seed(url, 'First! With **bold** and `code`.', {
      author: { name: 'Ada Lovelace', website: 'https://ada.example' },
    })
    const reply = await api.seed(url, 'A reply', { parentId: first.id })
    await api.seed(url, 'A reply to the reply', { parentId: reply.id })
    const doomed = await api.seed(url, 'Soon deleted')
    await api.seed(url, 'Reply under a deleted comment', { parentId: doomed.id })
    const pinned = await api.seed(url, 'Pinned by the moderator')
    expect((await moderate('pin', [pinned.id])).status).toBe(200)
    expect((await moderate('delete', [doomed.id])).status).toBe(200)

    const requests = recordRequests(page)
    let readyCount: unknown
    await page.exposeFunction('onParleyReady', (count: unknown) => {
      readyCount = count
    })
    await page.addInitScript(() => {
      document.addEventListener('parley:ready', (e: any) => window.onParleyReady(e.detail.count))
    })
    await page.goto(url)
    await widgetReady(page)

    const host = page.locator('#comments')
    expect(await host.evaluate((el) => el.shadowRoot?.mode)).toBe('open')
    await until(() => readyCount).toBe(5)
    expect(await page.locator('#comments h2').textContent()).toBe('5 comments')

    // Thread order with the pinned thread first; replies nested under their parents.
    const tops = page.locator('#comments ol.list > li')
    await until(() => tops.count()).toBe(3)
    expect(await tops.nth(0).locator(':scope > article .tx').textContent()).toContain(
      'Pinned by the moderator',
    )
    expect(await tops.nth(0).locator('.bg').allTextContents()).toContain('Pinned')
    const firstThread = tops.nth(1)
    expect(await firstThread.locator(':scope > article strong').textContent()).toBe('bold')
    expect(await firstThread.locator(':scope > ol > li > ol > li .tx').textContent()).toContain(
      'A reply to the reply',
    )

    // Author link, avatar initials, exact time on hover.
    const author = firstThread.locator(':scope > article a.nm')
    expect(await author.getAttribute('href')).toMatch(/^https:\/\/ada\.example\/?$/)
    expect(await author.getAttribute('rel')).toContain('nofollow ugc')
    expect(await firstThread.locator(':scope > article .av').textContent()).toBe('AL')
    const time = firstThread.locator(':scope > article time')
    expect(await time.getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/)
    expect(await time.getAttribute('title')).toMatch(/\d{4}/)

    // The deleted comment with a published reply stays as a tombstone.
    const tombstone = tops.nth(2)
    expect(await tombstone.locator(':scope > article').textContent()).toBe('This comment was deleted.')
    expect(await tombstone.locator(':scope > ol .tx').textContent()).toContain(
      'Reply under a deleted comment',
    )

    // First render: one API request, the sign-in options in its answer; nothing to any other origin.
    const apiCalls = requests.filter((u) => u.startsWith(api.origin) && u.includes('/v1/'))
    expect(apiCalls).toHaveLength(1)
    expect(apiCalls[0]).toContain('/v1/sites/demo/comments?')
    for (const u of requests) expect([blog.origin, api.origin]).toContain(new URL(u).origin)
  })

  it('collapses a long thread behind "Show 3 more replies" and expands it in place', async () => {
    const url = blog.page('/long-thread', blogPost(api.origin))
    const root = await api.seed(url, 'Start of a long thread')
    let parent = root.id
    for (let i = 1; i <= 6; i++)
      parent = (await api.seed(url, `Reply number ${i}`, { parentId: i % 2 ? root.id : parent })).id
    await page.goto(url)
    await widgetReady(page)
    const replies = page.locator('#comments ol.list > li li.c')
    await until(() => replies.count()).toBe(6)
    const visible = async () =>
      (await replies.evaluateAll((els) => els.map((el: any) => el.offsetParent !== null))).filter(Boolean)
        .length
    expect(await visible()).toBe(3)
    const more = page.getByRole('button', { name: 'Show 3 more replies' })
    await more.click()
    expect(await visible()).toBe(6)
    expect(await more.count()).toBe(0)
    // Focus moves to the first reply that was hidden.
    expect(
      await page.evaluate(() => document.querySelector('#comments')?.shadowRoot?.activeElement?.textContent),
    ).toContain('Reply number 4')
  })

  it('loads more by cursor, and switches between oldest and newest first', async () => {
    const url = blog.page('/busy', blogPost(api.origin))
    for (let i = 1; i <= 53; i++) await api.seed(url, `Comment ${i}`)
    await page.goto(url)
    await widgetReady(page)
    const items = page.locator('#comments ol.list > li')
    expect(await items.count()).toBe(50)
    expect(await page.locator('#comments h2').textContent()).toBe('53 comments')
    await page.getByRole('button', { name: 'Show more comments' }).click()
    await until(() => items.count()).toBe(53)
    expect(await page.getByRole('button', { name: 'Show more comments' }).isHidden()).toBe(true)
    expect(await items.nth(52).locator('.tx').textContent()).toBe('Comment 53')

    const newest = page.getByRole('button', { name: 'Newest' })
    await newest.click()
    await until(() => items.first().locator('.tx').textContent()).toBe('Comment 53')
    expect(await newest.getAttribute('aria-pressed')).toBe('true')
    expect(await page.getByRole('button', { name: 'Oldest' }).getAttribute('aria-pressed')).toBe('false')
    expect(await items.count()).toBe(50)
  })

  it('shows hostile comments as text: no script runs, no dialog opens', async () => {
    const url = blog.page('/xss', blogPost(api.origin))
    const payloads = [
      '<img src=x onerror="window.__xss=1">',
      '<script>window.__xss=2</script>',
      '[click](javascript:window.__xss=3)',
      '<svg onload="window.__xss=4">',
      '"><iframe src="javascript:window.__xss=5">',
    ]
    for (const body of payloads)
      await api.seed(url, body, { author: { name: '<b onmouseover="window.__xss=6">Eve</b>' } })
    const dialogs: string[] = []
    page.on('dialog', (d) => {
      dialogs.push(d.message())
      void d.dismiss()
    })
    await page.goto(url)
    await widgetReady(page)
    const texts = await page.locator('#comments .tx').allTextContents()
    expect(texts.map((t) => t.trim())).toEqual([
      '<img src=x onerror="window.__xss=1">',
      '<script>window.__xss=2</script>',
      'click',
      '<svg onload="window.__xss=4">',
      '"><iframe src="javascript:window.__xss=5">',
    ])
    expect(await page.locator('#comments .nm').first().textContent()).toBe(
      '<b onmouseover="window.__xss=6">Eve</b>',
    )
    expect(
      await page
        .locator('#comments .tx img, #comments .tx script, #comments .tx iframe, #comments .tx svg')
        .count(),
    ).toBe(0)
    expect(await page.locator('#comments .tx a').getAttribute('href')).toBe('')
    await page.locator('#comments .tx a').click()
    await page.locator('#comments .nm').first().hover()
    expect(await page.evaluate(() => window.__xss)).toBeUndefined()
    expect(dialogs).toEqual([])
  })
})

describe('lazy loading', () => {
  it('requests nothing until the container nears the viewport, and shifts no visible layout', async ({
    annotate,
  }) => {
    const url = blog.page(
      '/lazy',
      blogPost(api.origin, {
        attrs: 'data-feedback="on"',
        before: '<p>Intro</p><div id="tall" style="height:4000px">a long article</div>',
      }).replace('</main>', '</main><footer id="footer">Footer</footer>'),
    )
    await api.seed(url, 'Lazy hello')
    const lazyPage = await browser.newPage({ viewport: { width: 1000, height: 700 } })
    await lazyPage.addInitScript(() => {
      window.__cls = 0
      new PerformanceObserver((list: any) => {
        for (const entry of list.getEntries() as any[]) if (!entry.hadRecentInput) window.__cls += entry.value
      }).observe({ type: 'layout-shift', buffered: true })
    })
    const requests = recordRequests(lazyPage)
    await lazyPage.goto(url)
    await lazyPage.waitForTimeout(400)
    expect(requests.some((u) => u.includes('/v1/'))).toBe(false)
    // The space is reserved before anything loads.
    expect(
      await lazyPage.locator('#comments').evaluate((el) => el.getBoundingClientRect().height),
    ).toBeGreaterThan(300)

    // Within the lazy margin (the container still below the fold), it loads and renders unseen.
    await lazyPage.evaluate(() => window.scrollTo(0, 4000 - 700 - 500))
    await widgetReady(lazyPage)
    expect(requests.filter((u) => u.includes('/v1/sites/demo/comments?'))).toHaveLength(1)
    await lazyPage.locator('#footer').scrollIntoViewIfNeeded()
    const shift = await lazyPage.evaluate(() => window.__cls)
    await annotate(`layout shift on the blog while the widget lazy-loaded and rendered: ${shift}`)
    expect(shift).toBe(0)
    expect(await lazyPage.locator('#comments .tx').textContent()).toBe('Lazy hello')
    // The measure works: a shift the blog itself makes in view is counted.
    await lazyPage.evaluate(() => {
      const spacer = document.createElement('div')
      spacer.style.height = '200px'
      document.querySelector('#footer').before(spacer)
    })
    await until(() => lazyPage.evaluate(() => window.__cls)).toBeGreaterThan(0)
    await lazyPage.close()
  })
})
