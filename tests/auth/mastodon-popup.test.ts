import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  type Api,
  type Blog,
  BROWSER_TEST_TIMEOUTS,
  blogPost,
  CHROMIUM_ARGS,
  startApi,
  startBlog,
  until,
} from '../embed/harness.js'
import { answerLoginInPopup, openSignInPopup } from '../helpers/popup-login.js'
import { testNetwork } from '../webhooks/network.js'
import { startTestMastodon, type TestMastodon } from './mastodon-test-server.js'

vi.setConfig(BROWSER_TEST_TIMEOUTS)

let masto: TestMastodon
let browser: Browser
let blog: Blog
let api: Api
let page: Page
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/** axe-core finds nothing on the page in light, nor a contrast problem in dark. */
async function expectAccessible(popup: Page) {
  await popup.evaluate(axeSource)
  for (const colorScheme of ['light', 'dark'] as const) {
    await popup.emulateMedia({ colorScheme })
    const rules = colorScheme === 'light' ? '{}' : "{ runOnly: ['color-contrast'] }"
    const violations = await popup.evaluate<string[]>(`axe.run(document, ${rules}).then(({ violations }) =>
      violations.map((v) => v.id + ': ' + v.help + ' (' + v.nodes.map((n) => n.target).join(', ') + ')'))`)
    expect(violations).toEqual([])
  }
}

beforeAll(async () => {
  masto = await startTestMastodon('mastodon.test')
  // Chromium reaches the test server's name on loopback, as the API does through its network dep.
  ;[browser, blog] = await Promise.all([
    chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP mastodon.test 127.0.0.1'],
    }),
    startBlog(),
  ])
  api = await startApi(blog.origin, {
    mastodonNetwork: {
      lookup: testNetwork({ 'mastodon.test': ['127.0.0.1'] }).network.lookup,
      loopbackServers: { 'mastodon.test': masto.origin },
    },
    site: { providers: [{ id: 'masto', type: 'mastodon' }] },
  })
  page = await browser.newPage()
})
afterAll(async () => {
  await browser?.close()
  await Promise.all([api?.close(), blog?.close(), masto?.close()])
})

describe('signing in with Mastodon through the real popup', () => {
  it('asks for the server, says why one is refused, then signs in and posts as that account', async () => {
    const { form, popup } = await openSignInPopup(
      page,
      blog.page('/mastodon', blogPost(api.origin)),
      'Sign in with Mastodon',
    )
    expect(new URL(popup.url()).origin).toBe(api.origin)
    await expect.poll(() => popup.evaluate(() => document.activeElement?.id)).toBe('server')

    await expectAccessible(popup)

    // A refused server, typed and sent from the keyboard: the form again, the reason next to the
    // field, announced.
    await popup.keyboard.type('127.0.0.1')
    await popup.keyboard.press('Enter')
    await popup.getByRole('alert').waitFor()
    await expectAccessible(popup)
    expect(await popup.getByRole('alert').textContent()).toContain('not an IP address')
    expect(await popup.getByLabel('Your Mastodon server').getAttribute('aria-invalid')).toBe('true')

    await popup.getByLabel('Your Mastodon server').fill('@ada@mastodon.test')
    await popup.getByRole('button', { name: 'Continue' }).click()
    await popup.waitForURL((url) => url.origin === masto.origin, { timeout: 30_000 })
    await answerLoginInPopup(popup, 'ada')

    await until(() => form.locator('.au').textContent()).toBe('Signed in as Ada on Mastodon · Log out')
    await form.getByLabel('Comment', { exact: true }).fill('Hello from the fediverse')
    await form.getByRole('button', { name: 'Post comment' }).click()
    const item = page.locator('#comments ol.list > li').first()
    await until(() => item.locator('.nm').textContent()).toBe('Ada on Mastodon')
    expect(masto.registrations).toEqual([
      expect.objectContaining({ redirectUri: `${api.origin}/v1/sites/demo/auth/masto/callback` }),
    ])
  })
})

declare const document: { activeElement: { id: string } | null }
