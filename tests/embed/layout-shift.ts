/**
 * Layout shift of a blog page while the widget renders, measured the way Chromium reports it to
 * Core Web Vitals: a buffered `layout-shift` PerformanceObserver, the sum of the values of shifts
 * without recent input, with the nodes that moved. The page is WordPress-like: a long article
 * (several screens), the widget's container (`id="comments"`, what WordPress's "3 comments" link
 * jumps to), a footer, and a theme's hostile CSS. Shared by tests/embed/layout-shift.test.ts and
 * bench/layout-shift.ts.
 */
import type { Browser, Page } from 'playwright-core'

// Callbacks given to page.evaluate run in the browser; these files are typed without the DOM lib.
declare const window: any
declare const document: any
declare const PerformanceObserver: any

/** A theme that styles every element it can reach, as many do. */
export const HOSTILE_THEME_CSS = `* { line-height: 2 !important; }
body { font: 19px/2 Georgia, "Times New Roman", serif; margin: 0 auto; max-width: 46rem; padding: 0 1rem; }
div, ul, li, p, button { margin: 1.5em 0; }
ul, li { padding: 0.5em 1em; }
button { display: block; font: 22px fantasy; padding: 1em; }
h1, h2, h3 { font-family: "DejaVu Sans", sans-serif; margin: 2em 0 1em; }
footer { border-top: 4px solid #333; padding: 1em 0; }`

/** How long embed.js takes to arrive: a CDN's round trip. */
const SCRIPT_LATENCY_MS = 150

/** Screens of article text above the comments. */
const PARAGRAPHS = 40

/**
 * The page's HTML: the article, the container holding `inside` (a server-rendered fragment, or
 * nothing), the footer, and embed.js at the end of the body as WordPress plugins put it.
 */
export function wordpressLikePage(api: string, inside = '', attrs = ''): string {
  const words =
    'The quick brown fox jumps over the lazy dog while the reader scrolls on through a long post. '
  const article = Array.from({ length: PARAGRAPHS }, (_, i) => `<p>${i + 1}. ${words.repeat(4)}</p>`).join(
    '\n',
  )
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A long post</title>
<meta name="viewport" content="width=device-width">
<style>${HOSTILE_THEME_CSS}</style></head>
<body><header><h1>A long post</h1><a href="#comments">3 comments</a></header>
<main><article>${article}</article>
<div id="comments">${inside}</div></main>
<footer><p>© The blog. <a href="/about">About</a></p><ul><li>Archives</li><li>Categories</li></ul></footer>
<script src="${api}/embed.js" data-site="demo" ${attrs} async></script>
</body></html>`
}

/** What a page's layout shift was: the sum, each shift, and what moved in it. */
export interface LayoutShift {
  cls: number
  shifts: { value: number; sources: string[] }[]
}

/** Starts collecting shifts before any of the page's scripts run (buffered, so none is missed). */
export async function observeLayoutShift(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.__shifts = []
    new PerformanceObserver((list: any) => {
      for (const entry of list.getEntries()) {
        if (entry.hadRecentInput) continue
        const describe = (node: any) => {
          if (!node) return '(gone)'
          const host = node.getRootNode?.().host
          const name = `${node.nodeName.toLowerCase()}${node.id ? `#${node.id}` : ''}${node.className && typeof node.className === 'string' ? `.${node.className.split(' ').join('.')}` : ''}`
          return host ? `#${host.id}>>${name}` : name
        }
        window.__shifts.push({
          value: entry.value,
          sources: (entry.sources ?? []).map(
            (s: any) =>
              `${describe(s.node)} ${Math.round(s.previousRect.y)}→${Math.round(s.currentRect.y)} h${Math.round(s.previousRect.height)}→${Math.round(s.currentRect.height)}`,
          ),
        })
      }
    }).observe({ type: 'layout-shift', buffered: true })
  })
}

/** The shifts so far, after two frames (entries arrive after the frame that shifted). */
export async function layoutShift(page: Page): Promise<LayoutShift> {
  const shifts = (await page.evaluate(
    () =>
      new Promise((resolve) =>
        window.requestAnimationFrame(() => window.requestAnimationFrame(() => resolve(window.__shifts))),
      ),
  )) as LayoutShift['shifts']
  return { cls: shifts.reduce((sum, s) => sum + s.value, 0), shifts }
}

/** The reader scrolls down to the comments as a reader does: the wheel, a screen at a time. */
export async function scrollToComments(page: Page): Promise<void> {
  for (let i = 0; i < 60; i++) {
    const reached = await page.evaluate(
      () => document.querySelector('#comments').getBoundingClientRect().top < window.innerHeight / 2,
    )
    if (reached) return
    await page.mouse.wheel(0, 400)
    await page.waitForTimeout(60)
  }
  throw new Error('never reached the comments')
}

/**
 * Waits until the widget has rendered its count in its shadow root (a fragment's own heading, in
 * the page, does not count) and settled a moment.
 */
export async function widgetSettled(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    /\d/.test(document.querySelector('#comments').shadowRoot?.querySelector('h2')?.textContent ?? ''),
  )
  await page.waitForTimeout(300)
}

/** A visit's layout shift, the API requests it made (not embed.js) as `METHOD /path`, and its page. */
export interface Visit extends LayoutShift {
  requests: string[]
  page: Page
}

/**
 * Opens `address` in a fresh context of `browser` (nothing cached) of a laptop's size, observing
 * shifts from its first frame; `act` is what the reader does; answers once the widget has settled.
 * The caller closes `page.context()`.
 */
export async function visitPage(
  browser: Browser,
  api: string,
  address: string,
  act: (page: Page) => Promise<void> = async () => {},
): Promise<Visit> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage()
  const requests: string[] = []
  page.on('request', (request) => {
    const { origin, pathname } = new URL(request.url())
    if (origin === api && pathname.startsWith('/v1/')) requests.push(`${request.method()} ${pathname}`)
  })
  // embed.js as a network brings it, after the page's first paint: on loopback it can come before,
  // and then no shift is measured at all.
  await page.route(`${api}/embed.js`, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, SCRIPT_LATENCY_MS))
    await route.continue()
  })
  await observeLayoutShift(page)
  await page.goto(address)
  await act(page)
  await widgetSettled(page)
  return { ...(await layoutShift(page)), requests, page }
}
