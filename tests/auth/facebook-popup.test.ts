import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cookieJar } from '../helpers/identity-provider.js'
import { type KeyServer, startKeyServer } from '../helpers/key-server.js'
import { bodyOf } from '../helpers/route-contract.js'
import { createTestApp, jsonRequest, ORIGIN, type TestApp } from '../helpers/test-app.js'

const API = 'http://api.parley.test'
let ks: KeyServer
let t: TestApp

beforeAll(async () => {
  ks = await startKeyServer()
  t = await createTestApp({
    providerEndpoints: ks.endpoints,
    site: { providers: [{ id: 'fb', type: 'facebook', clientId: 'fb-app' }] },
  })
})
afterAll(() => ks.close())

describe('Facebook sign-in popup (OIDC implicit ID token)', () => {
  it('redirects with state and nonce, then turns the fragment’s ID token into a session for the opener', async () => {
    const jar = cookieJar()
    const start = await t.app.request(
      `${API}/v1/sites/demo/auth/fb/start?origin=${encodeURIComponent(ORIGIN)}`,
    )
    expect(start.status).toBe(302)
    jar.store(start)
    const dialog = new URL(start.headers.get('location') ?? '')
    expect(dialog.href.startsWith(`${ks.base}/facebook/dialog/oauth`)).toBe(true)
    expect(dialog.searchParams.get('response_type')).toBe('id_token')
    const state = dialog.searchParams.get('state') ?? ''
    const now = Math.floor(t.clock() / 1000)
    const claims = {
      iss: `${ks.base}/facebook`,
      aud: 'fb-app',
      sub: 'fb-1',
      name: 'Fay',
      iat: now,
      exp: now + 600,
    }

    const page = await t.app.request(`${API}/v1/sites/demo/auth/fb/callback`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('location.hash')

    const callback = `${API}/v1/sites/demo/auth/fb/callback`
    const wrongNonce = await ks.sign({ ...claims, nonce: 'not-the-flows' })
    const refused = await t.app.request(
      callback,
      jsonRequest('POST', { state, idToken: wrongNonce }, { cookie: jar.header() }),
    )
    expect(refused.status).toBe(401)

    const idToken = await ks.sign({ ...claims, nonce: dialog.searchParams.get('nonce') })
    const res = await t.app.request(
      callback,
      jsonRequest('POST', { state, idToken }, { cookie: jar.header() }),
    )
    expect(res.status).toBe(200)
    const body = await bodyOf(res, 'authCallbackPost', 200)
    expect(body.origin).toBe(ORIGIN)
    expect(body.message).toMatchObject({ type: 'parley:session', user: { name: 'Fay', provider: 'fb' } })
  })
})
