import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PROVIDER_ENDPOINTS, type ProviderEndpoints } from '../../shared/auth/provider-endpoints.js'
import { type Api, type Blog, blogPost, until, useBrowserSuite, widgetReady } from '../embed/harness.js'
import { OAUTH_CLIENTS, type OAuthServers, startOAuthServers } from '../helpers/oauth-servers.js'
import { tableItems } from '../helpers/table-items.js'

let blog: Blog
let api: Api
let page: Page
let servers: OAuthServers
// The authorization server must know the API's callback, which exists only once the API listens:
// the app gets this object now and reads GitHub's endpoints from it at each sign-in.
const endpoints: ProviderEndpoints = { ...PROVIDER_ENDPOINTS }
useBrowserSuite(
  (suite) => {
    ;({ blog, api, page } = suite)
  },
  { api: () => ({ providerEndpoints: endpoints }) },
)
beforeAll(async () => {
  servers = await startOAuthServers([`${api.origin}/v1/sites/demo/auth/gh/callback`])
  endpoints.github = servers.endpoints.github
  servers.setAccount('octo', { name: 'Octo Cat', email: 'octo@users.example' })
  const site = await api.deps.sites.get('demo')
  const { clientId, clientSecret } = OAUTH_CLIENTS.github
  await api.deps.sites.replace('demo', {
    ...site,
    providers: [{ id: 'gh', type: 'github', clientId, clientSecret }],
  })
})
afterAll(() => servers?.close())

/** Answers the authorization server's login and consent pages in the popup until the callback closes it. */
async function authorizeInPopup(popup: Page, user: string) {
  const closed = popup.waitForEvent('close', { timeout: 20_000 })
  await popup.locator('input[name=login]').fill(user)
  await popup.locator('input[name=password]').fill('any password')
  await popup.locator('form [type=submit]').first().click()
  const consent = popup.locator('input[name=prompt][value=consent]')
  const next = await Promise.race([
    closed.then(() => 'closed' as const),
    consent.waitFor({ state: 'attached', timeout: 20_000 }).then(
      () => 'consent' as const,
      () => 'closed' as const,
    ),
  ])
  if (next === 'consent') await popup.locator('form [type=submit]').first().click()
  await closed
}

describe('GitHub sign-in through the real popup in Chromium', () => {
  it('offers "Sign in with GitHub", runs the code flow in the popup and posts as the GitHub reader', async () => {
    await page.goto(blog.page('/github', blogPost(api.origin)))
    await widgetReady(page)
    const form = page.locator('#comments form').first()
    const button = form.getByRole('button', { name: 'Sign in with GitHub' })
    await button.waitFor()

    const [popup] = await Promise.all([page.waitForEvent('popup'), button.click()])
    await popup.waitForLoadState()
    // The popup went from the API's start to the authorization server, with PKCE.
    const at = new URL(popup.url())
    expect(at.origin).toBe(servers.issuer)
    await authorizeInPopup(popup, 'octo')

    await until(() => form.locator('.au').textContent()).toBe('Signed in as Octo Cat · Log out')
    await form.getByLabel('Comment', { exact: true }).fill('Signed in with GitHub in a real popup')
    await form.getByRole('button', { name: 'Post comment' }).click()
    const item = page.locator('#comments ol.list > li').first()
    await until(() => item.locator('.nm').textContent()).toBe('Octo Cat')
    const users = (await tableItems(api)).filter((i) => i.sk === 'USER')
    expect(users).toEqual([
      expect.objectContaining({ issuer: 'https://github.com', subject: servers.subjectOf('octo') }),
    ])
  })
})
