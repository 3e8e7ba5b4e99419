/**
 * The embed tests' world: the real API (DynamoDB Local behind it) on one loopback port, a blog on
 * another (so a second origin), and Debian's Chromium driven by playwright-core.
 */
import { readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, expect, vi } from 'vitest'
import { GOOGLE_CLIENT_ID, googleIdToken, signInWithGoogle } from '../helpers/google-sign-in.js'
import { type KeyServer, startKeyServer } from '../helpers/key-server.js'
import { createTestApp, jsonRequest, type TestAppOptions } from '../helpers/test-app.js'

// Callbacks given to page.evaluate run in the browser; these files are typed without the DOM lib.
declare const window: any

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS })

const listen = (server: Server) =>
  new Promise<string>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  )

const closeServer = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections()
    server.close(() => resolve())
  })

export type Blog = Awaited<ReturnType<typeof startBlog>>

/** The blog: HTML pages by path, set by each test, on its own origin. */
export async function startBlog() {
  const pages = new Map<string, string>()
  const server = createServer((req, res) => {
    const html = pages.get(new URL(req.url ?? '/', 'http://blog').pathname)
    res.statusCode = html === undefined ? 404 : 200
    res.setHeader('Content-Type', 'text/html; charset=utf-8')
    res.end(html ?? 'not found')
  })
  const origin = await listen(server)
  return {
    origin,
    /** Publishes `html` at `path`; returns its absolute URL. */
    page(path: string, html: string) {
      pages.set(path, html)
      return origin + path
    },
    close: () => closeServer(server),
  }
}

/**
 * The real app on a fresh table, site `demo` for the blog's origin only, served over HTTP.
 * Its clock follows the real one (the browser shows relative times), and every POST counts as
 * 10 s later, so no form ever looks filled in faster than a person types.
 */
export async function startApi(blogOrigin: string, options: TestAppOptions = {}) {
  const t = await createTestApp({
    clockStart: Date.now(),
    ...options,
    site: { origins: [blogOrigin], limits: { commentsPerMinutePerIp: 1000 }, ...options.site },
  })
  let offset = 0
  const requests: string[] = []
  const server = serve({
    fetch: (request: Request) => {
      if (request.method === 'POST') offset += 10_000
      t.clock.advance(Math.max(0, Date.now() + offset - t.clock()))
      requests.push(`${request.method} ${new URL(request.url).pathname}`)
      return t.app.fetch(request)
    },
    port: 0,
    hostname: '127.0.0.1',
  }) as Server
  await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', resolve)))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    ...t,
    origin,
    /** Every request the API has answered, as `METHOD /path`. */
    requests,
    /** Posts through the API as a guest (not the widget), for seeding threads. */
    async seed(page: string, body: string, extra: Record<string, unknown> = {}) {
      const res = await t.app.request(
        '/v1/sites/demo/comments',
        jsonRequest(
          'POST',
          { page, body, author: { name: 'Seeder' }, ...extra },
          { 'x-test-client-ip': '203.0.113.9' },
        ),
      )
      if (res.status !== 201) throw new Error(`seeding failed: ${res.status} ${await res.text()}`)
      t.clock.advance(1000)
      return ((await res.json()) as { comment: { id: string } }).comment
    },
    close: () => closeServer(server),
  }
}

export type Api = Awaited<ReturnType<typeof startApi>>

/** A blog post embedding the widget (attributes as the blog would write them). */
export function blogPost(
  api: string,
  options: { attrs?: string; head?: string; before?: string; title?: string } = {},
) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${options.title ?? 'A post'}</title>${options.head ?? ''}</head>
<body><main><h1>${options.title ?? 'A post'}</h1>${options.before ?? '<p>Some words.</p>'}
<div id="comments"></div>
<script src="${api}/embed.js" data-site="demo" ${options.attrs ?? ''} async></script>
</main></body></html>`
}

/** Waits for `parley:ready` on the container (or the widget's first render if it came earlier). */
export async function widgetReady(page: Page): Promise<void> {
  await page.locator('#comments h2').filter({ hasText: /\d/ }).first().waitFor()
}

/**
 * Opens a blog post with the widget at `path` and clicks its "Sign in with <provider>" button:
 * the widget's comment form, and the sign-in popup once loaded.
 */
export async function openSignInPopup(page: Page, blog: Blog, api: Api, path: string, provider: string) {
  await page.goto(blog.page(path, blogPost(api.origin)))
  await widgetReady(page)
  const form = page.locator('#comments form').first()
  const button = form.getByRole('button', { name: `Sign in with ${provider}` })
  await button.waitFor()
  const [popup] = await Promise.all([page.waitForEvent('popup'), button.click()])
  await popup.waitForLoadState()
  return { form, popup }
}

/**
 * `expect.poll` with room for a busy machine: the widget answers in milliseconds, but CI shares
 * two cores with Chromium, DynamoDB Local and the API.
 */
export const until = <T>(value: () => T | Promise<T>) => expect.poll(value, { timeout: 10_000, interval: 50 })

/** Browser tests: a page load can take seconds on a loaded machine. */
export const BROWSER_TEST_TIMEOUTS = { testTimeout: 60_000, hookTimeout: 60_000 }

export interface BrowserSuite {
  browser: Browser
  blog: Blog
  api: Api
  /** One page, shared by the file's tests. */
  page: Page
}

/**
 * The hooks of a Chromium test file: before its tests, Chromium, the blog, the API on a fresh table
 * (with `options.api()`, read then) and a page, handed to `use`; after them, all closed. A file's own
 * `beforeAll` registered after this call runs after it, and its `afterAll` before these close.
 */
export function useBrowserSuite(
  use: (suite: BrowserSuite) => void,
  options: { api?: () => TestAppOptions; page?: BrowserContextOptions } = {},
): void {
  vi.setConfig(BROWSER_TEST_TIMEOUTS)
  let started: Partial<BrowserSuite> = {}
  beforeAll(async () => {
    const [browser, blog] = await Promise.all([launchBrowser(), startBlog()])
    started = { browser, blog }
    const api = await startApi(blog.origin, options.api?.())
    started.api = api
    use({ browser, blog, api, page: await browser.newPage(options.page) })
  })
  afterAll(async () => {
    await started.browser?.close()
    await Promise.all([started.api?.close(), started.blog?.close()])
  })
}

export interface GoogleSuite extends BrowserSuite {
  /** Signs Google ID tokens the API accepts. */
  keys: KeyServer
}

/**
 * {@link useBrowserSuite} for readers who sign in with Google: a loopback key server publishes the
 * keys (started before the API, closed after it) and site `demo` lists the provider.
 */
export function useBrowserSuiteWithGoogle(
  use: (suite: GoogleSuite) => void,
  options: { page?: BrowserContextOptions } = {},
): void {
  let keys: KeyServer
  beforeAll(async () => {
    keys = await startKeyServer()
  })
  afterAll(() => keys?.close())
  useBrowserSuite((suite) => use({ ...suite, keys }), {
    ...options,
    api: () => ({
      providerEndpoints: keys.endpoints,
      site: { providers: [{ id: 'google', type: 'google', clientId: GOOGLE_CLIENT_ID }] },
    }),
  })
}

/** Signs reader `sub` in through the widget (`window.Parley.signIn`); answers the user it returned. */
export async function signInToWidget(page: Page, keys: KeyServer, sub: string, name?: string) {
  // Issued a little in the past, as the blog's own login would have, to hand to `Parley.signIn`.
  const idToken = await googleIdToken(keys, sub, Date.now() - 10_000, name === undefined ? {} : { name })
  return page.evaluate(
    (token) => window.Parley.signIn({ provider: 'google', idToken: token }),
    idToken,
  ) as Promise<{ name: string; provider: string }>
}

/** Likes a comment as Google reader `sub` through the API, not the widget (for seeding counts). */
export async function likeAs(api: Api, keys: KeyServer, sub: string, commentId: string): Promise<void> {
  const { token } = await signInWithGoogle(api, keys, sub)
  const res = await api.app.request(`/v1/sites/demo/comments/${commentId}/reactions/like`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${token}` },
  })
  if (res.status !== 200) throw new Error(`liking failed: ${res.status} ${await res.text()}`)
}

/**
 * axe-core on the widget (injected into the page first): violations, and how many nodes two key
 * rules passed inside the shadow root.
 */
export async function axe(p: Page) {
  if (!(await p.evaluate(() => Boolean(window.axe))))
    await p.addScriptTag({
      content: await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'),
    })
  return p.evaluate(async () => {
    const { violations, passes } = await window.axe.run(window.document.querySelector('#comments'))
    return {
      violations: violations.map(
        (v: any) => `${v.id}: ${v.help} (${v.nodes.map((n: any) => n.target.join(' ')).join(', ')})`,
      ),
      labelled: passes.find((p: any) => p.id === 'label')?.nodes.length ?? 0,
      contrast: passes.find((p: any) => p.id === 'color-contrast')?.nodes.length ?? 0,
    }
  }) as Promise<{ violations: string[]; labelled: number; contrast: number }>
}
