import { randomBytes } from 'node:crypto'
import { Hono } from 'hono'
import { adminPageCsp, renderAdminPage } from '../admin-page/admin-page.js'
import { adminScript } from '../admin-page/admin-script.js'
import type { AppEnv } from '../app-env.js'

/**
 * `GET /admin`: the moderation page (a page, not an API route, so not in the OpenAPI document).
 * The page itself holds no secret: it signs in from the browser with the admin key or a session.
 */
export const adminPageRoutes = () =>
  new Hono<AppEnv>().get('/admin', async (c) => {
    const script = await adminScript()
    const nonce = randomBytes(16).toString('base64')
    c.header('Content-Security-Policy', adminPageCsp(nonce))
    c.header('Cache-Control', 'no-store')
    c.header('X-Frame-Options', 'DENY')
    // The sign-in popup's pages opt out of isolation (COOP unsafe-none) so a blog can open them; this
    // page must keep its popups too, or window.opener is gone there and the session never arrives.
    c.header('Cross-Origin-Opener-Policy', 'same-origin-allow-popups')
    return c.html(await renderAdminPage(nonce, script))
  })
