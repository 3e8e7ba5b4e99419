import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PROVIDER_ENDPOINTS, type ProviderEndpoints } from '../../shared/auth/provider-endpoints.js'
import { type Api, type Blog, blogPost, until, useBrowserSuite } from '../embed/harness.js'
import { OAUTH_CLIENTS, type OAuthServers, startOAuthServers } from '../helpers/oauth-servers.js'
import { answerLoginInPopup, openSignInPopup } from '../helpers/popup-login.js'
import { tableItems } from '../helpers/table-items.js'
import { listComments } from '../helpers/test-app.js'

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

describe('GitHub sign-in through the real popup in Chromium', () => {
  it('offers "Sign in with GitHub", runs the code flow in the popup and posts as the GitHub reader', async () => {
    const url = blog.page('/github', blogPost(api.origin))
    const { form, popup } = await openSignInPopup(page, url, 'Sign in with GitHub')
    // The popup went from the API's start to the authorization server's login.
    expect(new URL(popup.url()).origin).toBe(servers.issuer)
    await answerLoginInPopup(popup, 'octo')
    await until(() => form.locator('.au').textContent()).toBe('Signed in as Octo Cat · Log out')

    await form.getByLabel('Comment', { exact: true }).fill('Signed in with GitHub in a real popup')
    await form.getByRole('button', { name: 'Post comment' }).click()
    // Posted with the session: the API shows it as the GitHub reader's, not a guest's.
    const author = async () =>
      (await listComments(api.app, `page=${encodeURIComponent(url)}`)).body.comments[0]?.author
    await until(author).toMatchObject({ name: 'Octo Cat', provider: 'github', verified: true })
    const users = (await tableItems(api)).filter((i) => i.sk === 'USER')
    expect(users).toEqual([
      expect.objectContaining({ issuer: 'https://github.com', subject: servers.subjectOf('octo') }),
    ])
  })
})
