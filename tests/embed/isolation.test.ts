import { mkdir } from 'node:fs/promises'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import type { KeyServer } from '../helpers/key-server.js'
import { bodyOf } from '../helpers/route-contract.js'
import {
  type Api,
  axe,
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
declare const document: any
declare const getComputedStyle: any

/** Where the run leaves its screenshots (dist/ is not committed). */
const SCREENSHOTS = 'dist/screenshots'

const HOSTILE_CSS = `<style>
html { font-size: 40px !important; }
* { font-family: "Comic Sans MS", cursive !important; color: red !important; letter-spacing: 3px !important;
    text-transform: uppercase !important; line-height: 3 !important; background: yellow !important;
    margin: 7px !important; padding: 9px !important; border: 3px dotted lime !important;
    box-sizing: content-box !important; text-align: right !important; visibility: visible !important; }
div, section, article, ol, li, p, h2, h3, form, label, button, textarea, input, a, span, time {
    display: inline !important; width: 10px !important; font-size: 30px !important; font-weight: 100 !important; }
#comments { color: blue !important; font: italic 50px serif !important; direction: ltr; white-space: pre !important; }
.p, .cm, .tx, .btn, .f, .lk, .nm, h2, button, textarea { all: unset !important; }
</style>`

/** Elements whose style must not change. */
const PROBES = ['h2', '.cm', '.tx p', '.nm', 'time', '.f', 'textarea', '.btn', '.lk', '.tg']
const PROPERTIES = [
  'color',
  'background-color',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'line-height',
  'letter-spacing',
  'text-transform',
  'text-align',
  'margin-top',
  'padding-left',
  'border-top-width',
  'border-top-style',
  'display',
  'box-sizing',
  'white-space',
]

let blog: Blog
let api: Api
let page: Page
let keys: KeyServer
// Readers sign in with Google to like comments.
useBrowserSuiteWithGoogle(
  (suite) => {
    ;({ blog, api, keys, page } = suite)
  },
  { page: { viewport: { width: 900, height: 900 } } },
)
beforeAll(async () => {
  await mkdir(SCREENSHOTS, { recursive: true })
})

const styles = (p: Page, probes: string[], properties: string[]) =>
  p.evaluate(
    ([probes, properties]) => {
      const root = document.querySelector('#comments').shadowRoot
      return Object.fromEntries(
        probes.map((selector: string) => {
          const el = root.querySelector(selector)
          if (!el) return [selector, null]
          const style = getComputedStyle(el)
          return [selector, Object.fromEntries(properties.map((p: string) => [p, style.getPropertyValue(p)]))]
        }),
      )
    },
    [probes, properties] as const,
  )

async function seedPage(path: string) {
  const url = `${blog.origin}${path}`
  const first = await api.seed(url, `A comment on ${path} with a [link](https://example.org) and \`code\`.`, {
    author: { name: 'Linus', website: 'https://linus.example' },
  })
  await api.seed(url, `A reply on ${path}`, { parentId: first.id })
  return url
}

describe('style isolation', () => {
  it("keeps a hostile blog stylesheet from changing the widget's computed styles", async () => {
    await seedPage('/plain')
    const url = (path: string, head = '') => blog.page(path, blogPost(api.origin, { head }))
    await page.goto(url('/plain'))
    await widgetReady(page)
    const clean = await styles(page, PROBES, PROPERTIES)
    for (const [selector, style] of Object.entries(clean)) expect(style, selector).not.toBeNull()

    await seedPage('/hostile')
    await page.goto(url('/hostile', HOSTILE_CSS))
    await widgetReady(page)
    expect(await styles(page, PROBES, PROPERTIES)).toEqual(clean)
    // The hostile rules do apply to the blog itself: the test would notice if they did not.
    expect(await page.locator('h1').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(255, 0, 0)')
  })

  it("keeps the widget's styles out of the blog, even for elements with the widget's class names", async () => {
    const decoys = `<h2 class="c">Decoy</h2><ol class="list rp"><li class="c">item</li></ol>
      <button class="btn sec tg lk">Decoy button</button><p class="p dark note err hint">Decoy text</p>
      <form class="f"><textarea>decoy</textarea></form><article class="cm"><span class="av">AV</span></article>`
    const selectors = [
      'h2.c',
      'ol.list',
      'li.c',
      'button.btn',
      'p.p',
      'form.f',
      'textarea',
      'article.cm',
      'span.av',
    ]
    const read = () =>
      page.evaluate(
        ([selectors, properties]) =>
          selectors.map((s: string) => {
            const style = getComputedStyle(document.querySelector(`main ${s}`))
            return properties.map((p: string) => style.getPropertyValue(p)).join('|')
          }),
        [selectors, PROPERTIES] as const,
      )
    await page.goto(
      blog.page('/decoys-alone', blogPost(api.origin, { before: decoys }).replace(/<script.*<\/script>/, '')),
    )
    const before = await read()
    await page.goto(blog.page('/decoys', blogPost(api.origin, { before: decoys })))
    await widgetReady(page)
    expect(await read()).toEqual(before)
  })
})

describe('themes', () => {
  const background = (p: Page) =>
    p.evaluate(
      () =>
        getComputedStyle(document.querySelector('#comments').shadowRoot.querySelector('.p')).backgroundColor,
    )

  it('is light, dark, or follows the reader (auto), and takes --parley-* overrides', async () => {
    await seedPage('/themes')
    const url = (attrs: string, head = '') => blog.page(`/themes`, blogPost(api.origin, { attrs, head }))
    await page.goto(url('data-theme="light"'))
    await widgetReady(page)
    expect(await background(page)).toBe('rgb(255, 255, 255)')

    await page.goto(url('data-theme="dark"'))
    await widgetReady(page)
    expect(await background(page)).toBe('rgb(22, 25, 29)')

    await page.emulateMedia({ colorScheme: 'dark' })
    await page.goto(url(''))
    await widgetReady(page)
    expect(await background(page)).toBe('rgb(22, 25, 29)')
    await page.emulateMedia({ colorScheme: 'light' })
    expect(await background(page)).toBe('rgb(255, 255, 255)')

    await page.goto(
      url(
        '',
        '<style>#comments { --parley-accent: rgb(120, 20, 90); --parley-background: rgb(250, 240, 230) }</style>',
      ),
    )
    await widgetReady(page)
    expect(await background(page)).toBe('rgb(250, 240, 230)')
    expect(await page.locator('#comments .btn').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
      'rgb(120, 20, 90)',
    )
  })
})

describe('accessibility', () => {
  for (const theme of ['light', 'dark']) {
    it(`has no axe-core violations in the ${theme} theme: forms, an error, feedback, likes`, async () => {
      const url = await seedPage(`/axe-${theme}`)
      const deleted = await api.seed(url, `To be deleted, ${theme}`)
      await api.seed(url, `Orphan reply, ${theme}`, { parentId: deleted.id })
      await api.app.request('/v1/admin/sites/demo/moderation', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${api.adminKey}` },
        body: JSON.stringify({ action: 'delete', ids: [deleted.id] }),
      })
      const { comments } = await bodyOf(
        await api.app.request(`/v1/sites/demo/comments?page=${encodeURIComponent(url)}`),
        'listComments',
        200,
      )
      await likeAs(api, keys, `fan-${theme}`, comments[0]?.id ?? '')
      await page.goto(
        blog.page(
          `/axe-${theme}`,
          blogPost(api.origin, { attrs: `data-theme="${theme}" data-feedback="on"` }),
        ),
      )
      await widgetReady(page)
      await page.getByRole('button', { name: 'Yes', exact: true }).click()
      await page.locator('#comments').getByLabel('Tell us more').waitFor()
      await page.getByRole('button', { name: 'Reply', exact: true }).first().click()
      const main = page
        .locator('#comments form')
        .filter({ has: page.getByRole('heading', { name: 'Leave a comment' }) })
      await main.getByLabel('Comment', { exact: true }).fill('Some **Markdown** to preview')
      // The reply-mail box checked in the main form (the reply form's waits for an address).
      await main.getByLabel('Email', { exact: true }).fill('axe@example.com')
      await main.getByLabel('Notify me of replies by e-mail').check()
      await main.getByRole('button', { name: 'Preview' }).click()
      await main.getByRole('button', { name: 'Post comment' }).click() // no name: an inline error
      await page.screenshot({ path: `${SCREENSHOTS}/embed-${theme}.png`, fullPage: true })

      const guest = await axe(page)
      expect(guest.violations).toEqual([])
      // Proof the scan reached into the shadow root: two comment forms (comment, name, e-mail,
      // website, reply mail) and "Tell us more" are labelled; the text has colours to check.
      expect(guest.labelled).toBeGreaterThanOrEqual(11)
      expect(guest.contrast).toBeGreaterThan(20)

      // Signed in: a Like button on each comment, one of them pressed.
      await signInToWidget(page, keys, `reader-${theme}`)
      const likes = page.getByRole('button', { name: 'Like', exact: true })
      await until(() => likes.count()).toBeGreaterThanOrEqual(2)
      await likes.first().click()
      await until(() => likes.first().getAttribute('aria-pressed')).toBe('true')
      const signedIn = await axe(page)
      expect(signedIn.violations).toEqual([])
      expect(signedIn.contrast).toBeGreaterThan(20)
      await page.evaluate(() => window.Parley.signOut())
    })
  }
})
