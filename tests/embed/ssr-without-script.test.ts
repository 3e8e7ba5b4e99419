import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { snapshotFileName } from '../../functions/cli/snapshot-file-name.js'
import { runCli } from '../cli/run-cli.js'
import { elementsOf, attr as htmlAttr } from '../helpers/html-fragment.js'
import { type Api, type Blog, BROWSER_TEST_TIMEOUTS, launchBrowser, startApi, startBlog } from './harness.js'

let browser: Browser
let blog: Blog
let api: Api
let out: string
beforeAll(async () => {
  blog = await startBlog()
  api = await startApi(blog.origin)
  browser = await launchBrowser()
  out = await mkdtemp(join(tmpdir(), 'parley-ssr-'))
}, BROWSER_TEST_TIMEOUTS.hookTimeout)
afterAll(async () => {
  await browser?.close()
  await api?.close()
  await blog?.close()
  if (out) await rm(out, { recursive: true, force: true })
})

/** A static blog post as a site generator writes it after `parley snapshot`: the fragment inlined. */
const staticPost = (fragment: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A static post</title></head>
<body><main><h1>A static post</h1>${'<p>A long article paragraph.</p>'.repeat(40)}
<div id="comments">${fragment}</div>
<script>document.body.dataset.scriptRan = 'yes'</script>
</main><footer>footer</footer></body></html>`

describe('server-rendered comments with JavaScript off', () => {
  it(
    'shows every comment and reply of a snapshot, in the document, with no script and no API request',
    async () => {
      const pageUrl = `${blog.origin}/2026/static-post`
      const first = await api.seed(pageUrl, 'The **first** comment')
      const reply = await api.seed(pageUrl, 'A reply to the first', { parentId: first.id })
      const deeper = await api.seed(pageUrl, 'A reply to the reply', { parentId: reply.id })
      const second = await api.seed(pageUrl, 'Second thread')
      const many = []
      for (let i = 0; i < 5; i++)
        many.push(await api.seed(pageUrl, `Reply ${i} of many`, { parentId: second.id }))
      const all = [first, reply, deeper, second, ...many]
      const texts = ['The first comment', 'A reply to the first', 'A reply to the reply', 'Second thread']
      texts.push(...many.map((_, i) => `Reply ${i} of many`))

      const { status } = await runCli([
        'snapshot',
        '--api',
        api.origin,
        '--site',
        'demo',
        '--page',
        pageUrl,
        '--out',
        out,
      ])
      expect(status).toBe(0)
      const fragment = await readFile(join(out, snapshotFileName(pageUrl)), 'utf8')
      const url = blog.page('/2026/static-post', staticPost(fragment))

      // What a crawler reads before any script: every comment an article[itemtype] in the HTML.
      const raw = await (await fetch(url)).text()
      const parsed = elementsOf(raw)
      expect(parsed.filter((el) => el.tagName === 'article' && htmlAttr(el, 'itemtype')).length).toBe(
        all.length,
      )

      const context = await browser.newContext({ javaScriptEnabled: false })
      const page = await context.newPage()
      const asked: string[] = []
      page.on('request', (request) => void asked.push(request.url()))
      await page.goto(url)
      expect(await page.locator('body').getAttribute('data-script-ran')).toBeNull()
      for (const text of texts)
        await expect.poll(() => page.getByText(text, { exact: true }).isVisible()).toBe(true)
      expect(await page.locator('article[itemtype="https://schema.org/Comment"]').count()).toBe(all.length)
      // Replies inside their parent, every one shown (no folding without a script).
      expect(
        await page
          .locator(
            `li.c[data-id="${first.id}"] > ol.rp > li.c[data-id="${reply.id}"] > ol.rp > li.c[data-id="${deeper.id}"]`,
          )
          .count(),
      ).toBe(1)
      expect(await page.locator(`li.c[data-id="${second.id}"] > ol.rp > li.c`).count()).toBe(5)
      expect(await page.locator('#comments h2').textContent()).toBe(`${all.length} comments`)
      const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? '')
      expect(ld).toMatchObject({ '@type': 'WebPage', url: pageUrl, commentCount: all.length })
      expect(asked.filter((u) => u.startsWith(api.origin))).toEqual([])
      await context.close()
    },
    BROWSER_TEST_TIMEOUTS.testTimeout,
  )
})
