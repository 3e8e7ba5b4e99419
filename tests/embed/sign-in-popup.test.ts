import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startIdentityProvider, type TestIdentityProvider } from '../helpers/identity-provider.js'
import { answerLoginInPopup, openSignInPopup } from '../helpers/popup-login.js'
import { type Api, type Blog, blogPost, until, useBrowserSuite, widgetReady } from './harness.js'

// Callbacks given to page.evaluate run in the browser; these files are typed without the DOM lib.
declare const window: any
declare const localStorage: any

let blog: Blog
let api: Api
let idp: TestIdentityProvider
let page: Page
useBrowserSuite((suite) => {
  ;({ blog, api, page } = suite)
})
beforeAll(async () => {
  // The provider must know the API's callback, and the site the provider's issuer: API first.
  idp = await startIdentityProvider([`${api.origin}/v1/sites/demo/auth/corp/callback`])
  const site = await api.deps.sites.get('demo')
  await api.deps.sites.replace('demo', {
    ...site,
    providers: [{ id: 'corp', type: 'oidc', issuer: idp.issuer, clientId: idp.clientId, name: 'Corp ID' }],
  })
})
afterAll(() => idp?.close())

describe('the sign-in popup', () => {
  it('signs in through a real OpenID Provider and hands the session to the widget', async () => {
    const { form, popup } = await openSignInPopup(
      page,
      blog.page('/popup', blogPost(api.origin)),
      'Sign in with Corp ID',
    )
    expect(new URL(popup.url()).origin).toBe(idp.issuer)
    await answerLoginInPopup(popup, 'ada')

    await until(() => form.locator('.au').textContent()).toBe('Signed in as Reader ada · Log out')
    await until(() => page.locator('#comments [role=status]').textContent()).toBe('Signed in as Reader ada')

    await form.getByLabel('Comment', { exact: true }).fill('Signed in through the popup')
    await form.getByRole('button', { name: 'Post comment' }).click()
    const item = page.locator('#comments ol.list > li').first()
    await until(() => item.locator('.nm').textContent()).toBe('Reader ada')
  })

  it("keeps the popup in the opener's browsing context group, and every other response isolated", async () => {
    const start = await api.app.request(
      `/v1/sites/demo/auth/corp/start?origin=${encodeURIComponent(blog.origin)}`,
    )
    expect(start.status).toBe(302)
    expect(start.headers.get('cross-origin-opener-policy')).toBe('unsafe-none')
    const health = await api.app.request('/v1/health')
    expect(health.headers.get('cross-origin-opener-policy')).toBe('same-origin')
  })

  it('ignores session messages from any origin but the API', async () => {
    await page.goto(blog.page('/forged', blogPost(api.origin)))
    await widgetReady(page)
    await page.evaluate(() => {
      localStorage.clear()
      // Same window, so the blog's own origin: not the API's.
      window.postMessage({ type: 'parley:session', token: 'a.b.c', user: { name: 'Forger' } }, '*')
    })
    await page.waitForTimeout(200)
    const form = page.locator('#comments form').first()
    expect(await form.locator('.au').textContent()).not.toContain('Forger')
    expect(await page.evaluate(() => localStorage.getItem('parley:demo:session'))).toBeNull()
  })
})
