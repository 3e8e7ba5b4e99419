import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { KeyServer } from '../helpers/key-server.js'
import {
  type Api,
  type Blog,
  blogPost,
  signInToWidget,
  until,
  useBrowserSuiteWithGoogle,
  widgetReady,
} from './harness.js'

// Callbacks given to page.evaluate run in the browser; these files are typed without the DOM lib.
declare const window: any
declare const document: any
declare const localStorage: any
declare const history: any

let browser: Browser
let blog: Blog
let api: Api
let keys: KeyServer
let page: Page
useBrowserSuiteWithGoogle((suite) => {
  ;({ browser, blog, api, keys, page } = suite)
})

const apiRequests = (p: Page) => {
  const urls: string[] = []
  p.on('request', (r) => {
    if (r.url().includes('/v1/')) urls.push(r.url())
  })
  return urls
}

/** Listeners on window and document, as Chromium's DevTools see them. */
async function globalListeners(p: Page): Promise<string[]> {
  const cdp = await p.context().newCDPSession(p)
  const found: string[] = []
  for (const expression of ['window', 'document']) {
    const { result } = await cdp.send('Runtime.evaluate', { expression })
    const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId ?? '' })
    found.push(...listeners.map((l) => `${expression}:${l.type}`))
  }
  await cdp.detach()
  return found.sort()
}

describe('window.Parley', () => {
  it('signIn exchanges a host-site ID token for a session; posts carry it; signOut forgets it', async () => {
    const url = blog.page('/host-sign-on', blogPost(api.origin))
    await page.goto(url)
    await widgetReady(page)
    const form = page.locator('#comments form').first()
    await until(() => form.getByRole('button', { name: 'Sign in with Google' }).count()).toBe(1)

    const user = await signInToWidget(page, keys, 'g-42', 'Hedy Lamarr')
    expect(user).toMatchObject({ name: 'Hedy Lamarr', provider: 'google' })
    await until(() => form.locator('.au').textContent()).toBe('Signed in as Hedy Lamarr · Log out')
    expect(await form.getByLabel('Name', { exact: true }).isVisible()).toBe(false)
    expect(await page.evaluate(() => Object.keys(localStorage))).toContain('parley:demo:session')

    // A signed-in reader may ask for reply mail without an address: the provider vouches for it.
    const box = form.getByLabel('Notify me of replies by e-mail', { exact: true })
    expect(await box.isDisabled()).toBe(false)
    expect(await form.getByText('(a confirmation mail comes first)').count()).toBe(0)
    await box.check()

    let authorization: string | undefined
    let sent: Record<string, unknown> | undefined
    page.once('request', (r) => {
      authorization = r.headers().authorization
      sent = r.postDataJSON()
    })
    await form.getByLabel('Comment', { exact: true }).fill('Signed in through the blog')
    await form.getByRole('button', { name: 'Post comment' }).click()
    const item = page.locator('#comments ol.list > li').first()
    await until(() => item.locator('.nm').textContent()).toBe('Hedy Lamarr')
    expect(authorization).toMatch(/^Bearer ey/)
    expect(sent).toMatchObject({ notify: true, body: 'Signed in through the blog' })
    expect(sent).not.toHaveProperty('author')
    // Own comment of a signed-in reader: changeable with the session alone.
    expect(await item.getByRole('button', { name: 'Edit' }).count()).toBe(1)

    // A session survives a reload of the page.
    await page.reload()
    await widgetReady(page)
    expect(await form.locator('.au').textContent()).toBe('Signed in as Hedy Lamarr · Log out')

    await form.getByRole('button', { name: 'Log out' }).click()
    expect(await form.getByRole('button', { name: 'Sign in with Google' }).count()).toBe(1)
    expect(await form.getByLabel('Name', { exact: true }).isVisible()).toBe(true)
    expect(await page.evaluate(() => localStorage.getItem('parley:demo:session'))).toBeNull()
    // A guest again, with no address typed: the box waits for one and says what comes first.
    await form.getByLabel('Email', { exact: true }).fill('')
    expect(await box.isDisabled()).toBe(true)
    expect(await form.getByText('(a confirmation mail comes first)').isVisible()).toBe(true)

    const refused = await page.evaluate(
      (token) => window.Parley.signIn({ provider: 'google', idToken: token }).catch((e: Error) => e.message),
      'not-a-jwt',
    )
    expect(refused).toMatch(/token/i)
  })

  it('reload shows another page (single-page apps)', async () => {
    const one = blog.page('/spa/one', blogPost(api.origin))
    const two = `${blog.origin}/spa/two`
    await api.seed(one, 'On page one')
    await api.seed(two, 'On page two')
    await api.seed(two, 'Also on page two')
    await page.goto(one)
    await widgetReady(page)
    expect(await page.locator('#comments .tx').allTextContents()).toEqual(['On page one'])
    await page.evaluate((next) => {
      history.pushState({}, '', next)
      return window.Parley.reload({ pageUrl: next })
    }, two)
    expect(await page.locator('#comments .tx').allTextContents()).toEqual(['On page two', 'Also on page two'])
    expect(await page.locator('#comments h2').textContent()).toBe('2 comments')
    // Without arguments, the current location.
    await page.evaluate(() => {
      history.pushState({}, '', '/spa/one')
      return window.Parley.reload()
    })
    expect(await page.locator('#comments .tx').allTextContents()).toEqual(['On page one'])
  })

  it('destroy removes its listeners and its DOM; the script can start again afterwards', async () => {
    const html = blogPost(api.origin)
    await page.goto(blog.page('/baseline', html.replace(/<script.*<\/script>/, '')))
    const baseline = await globalListeners(page)

    await page.goto(blog.page('/destroy', html))
    await widgetReady(page)
    expect(await globalListeners(page)).toEqual([...baseline, 'window:message'].sort())
    await page.evaluate(() => window.Parley.destroy())
    expect(await globalListeners(page)).toEqual(baseline)
    expect(await page.evaluate(() => document.querySelector('#comments').shadowRoot.childNodes.length)).toBe(
      0,
    )
    expect(await page.evaluate(() => typeof window.Parley)).toBe('undefined')

    await page.evaluate((src) => {
      const script = document.createElement('script')
      script.src = src
      script.dataset.site = 'demo'
      document.body.append(script)
    }, `${api.origin}/embed.js`)
    await widgetReady(page)
    expect(await page.evaluate(() => typeof window.Parley.destroy)).toBe('function')
  })

  it('is harmless when the script is included twice', async () => {
    const url = blog.page(
      '/twice',
      blogPost(api.origin).replace(
        '</main>',
        `<script src="${api.origin}/embed.js" data-site="demo" async></script></main>`,
      ),
    )
    const requests = apiRequests(page)
    await page.goto(url)
    await widgetReady(page)
    await page.waitForTimeout(200)
    expect(requests.filter((u) => u.includes('/comments?'))).toHaveLength(1)
    expect(await page.locator('#comments section').count()).toBe(1)
    expect(await page.locator('#comments h2').count()).toBe(1)
  })
})

describe('languages', () => {
  const words: Record<string, { comment: string; post: string; reply: string; heading: string }> = {
    de: { comment: 'Kommentar', post: 'Kommentar senden', reply: 'Antworten', heading: '1 Kommentar' },
    fr: {
      comment: 'Commentaire',
      post: 'Publier le commentaire',
      reply: 'Répondre',
      heading: '1 commentaire',
    },
    es: { comment: 'Comentario', post: 'Publicar comentario', reply: 'Responder', heading: '1 comentario' },
    pt: { comment: 'Comentário', post: 'Publicar comentário', reply: 'Responder', heading: '1 comentário' },
    ja: { comment: 'コメント', post: 'コメントを投稿', reply: '返信', heading: 'コメント 1件' },
  }

  it('speaks the language data-lang names, labels included, with its words fetched beside embed.js', async () => {
    for (const [lang, w] of Object.entries(words)) {
      // A page each: the browser may revalidate a list it has seen (stale-while-revalidate) and count twice.
      await api.seed(`${blog.origin}/languages/${lang}`, `Polyglot ${lang}`)
      const requests: string[] = []
      const record = (r: { url(): string }) => void requests.push(r.url())
      page.on('request', record)
      await page.goto(blog.page(`/languages/${lang}`, blogPost(api.origin, { attrs: `data-lang="${lang}"` })))
      await widgetReady(page)
      page.off('request', record)
      const fromApi = requests.filter((u) => u.startsWith(api.origin) && !u.endsWith('/embed.js'))
      expect(
        fromApi.filter((u) => u.includes('/embed/lang/')),
        lang,
      ).toEqual([`${api.origin}/embed/lang/${lang}.json`])
      expect(
        fromApi.filter((u) => u.includes('/comments?')),
        lang,
      ).toHaveLength(1)
      const form = page.locator('#comments form').first()
      expect(await page.locator('#comments h2').textContent(), lang).toBe(w.heading)
      expect(await form.getByLabel(w.comment, { exact: true }).count(), lang).toBe(1)
      expect(await form.getByRole('button', { name: w.post, exact: true }).count(), lang).toBe(1)
      expect(await page.getByRole('button', { name: w.reply, exact: true }).count(), lang).toBe(1)
      expect(await page.locator('#comments section').getAttribute('lang'), lang).toBe(lang)
    }
  })

  it("follows the browser's language without data-lang, and falls back to English", async () => {
    const expected: [string, string][] = [
      ['fr-CA', 'Publier le commentaire'],
      ['ja-JP', 'コメントを投稿'],
      ['nl-NL', 'Post comment'],
    ]
    for (const [locale, post] of expected) {
      const context = await browser.newContext({ locale })
      const p = await context.newPage()
      await p.goto(blog.page('/browser-language', blogPost(api.origin)))
      await widgetReady(p)
      expect(await p.getByRole('button', { name: post, exact: true }).count(), locale).toBe(1)
      await context.close()
    }
  })

  it('speaks English, and asks for no words, on an English page or when the words cannot be had', async () => {
    const english: string[] = []
    page.on('request', (r) => void english.push(r.url()))
    await page.goto(blog.page('/english', blogPost(api.origin, { attrs: 'data-lang="en"' })))
    await widgetReady(page)
    page.removeAllListeners('request')
    expect(english.filter((u) => u.includes('/embed/lang/'))).toEqual([])

    await page.route('**/embed/lang/*', (route) => route.abort())
    await page.goto(blog.page('/no-words', blogPost(api.origin, { attrs: 'data-lang="de"' })))
    await widgetReady(page)
    expect(await page.getByRole('button', { name: 'Post comment', exact: true }).count()).toBe(1)
    expect(await page.locator('#comments section').getAttribute('lang')).toBe('en')
    await page.unroute('**/embed/lang/*')
  })
})

describe('count.js', () => {
  it('fills every [data-parley-count] on an index page with one request', async () => {
    const post = (n: number) => `${blog.origin}/posts/${n}`
    await api.seed(post(1), 'One')
    await api.seed(post(1), 'Two')
    await api.seed(post(3), 'Three')
    const index = blog.page(
      '/index',
      `<!doctype html><html lang="en"><head><title>Index</title></head><body><main><h1>Posts</h1><ul>
${[1, 2, 3].map((n) => `<li><a href="/posts/${n}">Post ${n}</a> · <span data-parley-count="${post(n)}">…</span> comments</li>`).join('\n')}
<li><a href="/posts/1">Post 1 again, relative</a> · <span id="relative" data-parley-count="/posts/1">…</span></li>
</ul></main><script src="${api.origin}/count.js" data-site="demo" async></script></body></html>`,
    )
    const requests = apiRequests(page)
    await page.goto(index)
    const counts = page.locator('[data-parley-count]')
    await until(() => counts.allTextContents()).toEqual(['2', '0', '1', '2'])
    expect(requests).toHaveLength(1)
    expect(requests[0]).toContain('/v1/sites/demo/counts?page=')
  })

  it("fills a single page's count, the usual case on a post", async () => {
    const url = `${blog.origin}/single`
    await api.seed(url, 'Only one')
    await page.goto(
      blog.page(
        '/single',
        `<!doctype html><html lang="en"><head><title>Single</title></head><body><main><h1>Single</h1>
<p><a href="#comments"><span data-parley-count="">…</span> comments</a></p></main>
<script src="${api.origin}/count.js" data-site="demo" async></script></body></html>`,
      ),
    )
    await until(() => page.locator('[data-parley-count]').textContent()).toBe('1')
  })
})
