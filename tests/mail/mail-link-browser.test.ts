import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { keyedHash } from '../../shared/crypto/ip-hash.js'
import { signMailToken } from '../../shared/mail/mail-token.js'
import { launchChromium, openContext, serveApp } from '../admin-page/browser.js'
import { createTestApp, listComments, postAsGuest, type TestApp } from '../helpers/test-app.js'

const MODERATOR = 'mod@blog.example'
let t: TestApp
let browser: Browser
let server: Awaited<ReturnType<typeof serveApp>>

beforeAll(async () => {
  t = await createTestApp({
    site: { moderation: 'pre', language: 'de', notifications: { moderatorEmails: [MODERATOR] } },
  })
  ;[browser, server] = await Promise.all([launchChromium(), serveApp(t.app)])
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

describe('a mail link in a browser', () => {
  it('shows its page under its CSP, and its one button approves the comment', async () => {
    const id = (await postAsGuest(t.app, { body: 'Held for review' })).body.comment.id
    const token = await signMailToken(
      t.deps.keys,
      {
        purpose: 'moderate',
        siteId: 'demo',
        commentId: id,
        action: 'approve',
        emailHash: keyedHash(t.deps.keys, 'email', MODERATOR),
      },
      t.clock(),
    )
    const { context, problems } = await openContext(browser)
    const page = await context.newPage()
    await page.goto(`${server.base}/v1/mail/moderate?token=${encodeURIComponent(token)}`)
    expect((await listComments(t.app)).body.comments).toEqual([])
    await page.getByRole('button', { name: 'Freigeben' }).click()
    await page.getByRole('status').waitFor()
    expect(await page.getByRole('status').textContent()).toBe('Erledigt: Der Kommentar ist veröffentlicht.')
    expect((await listComments(t.app)).body.comments.map((c) => c.id)).toEqual([id])
    expect(problems).toEqual([])
    await context.close()
  })

  it('works without JavaScript: a page in the site language, a heading, and one button, the only thing to focus', async () => {
    const reader = keyedHash(t.deps.keys, 'email', 'ada@example.com')
    const token = await signMailToken(
      t.deps.keys,
      { purpose: 'unsubscribe', siteId: 'demo', person: { emailHash: reader }, kind: 'replies' },
      t.clock(),
    )
    const { context, problems } = await openContext(browser, { javaScriptEnabled: false })
    const page = await context.newPage()
    await page.goto(`${server.base}/v1/mail/unsubscribe?token=${encodeURIComponent(token)}`)
    expect(await page.getAttribute('html', 'lang')).toBe('de')
    expect(await page.title()).toBe('Demo blog')
    expect(await page.locator('body').ariaSnapshot()).toBe(
      [
        '- main:',
        '  - heading "Demo blog" [level=1]',
        '  - paragraph: Keine E-Mails mehr über Antworten auf Ihre Kommentare auf Demo blog?',
        '  - button "Abbestellen"',
      ].join('\n'),
    )
    // Tab reaches the button, and nothing else: past it, focus leaves the page.
    await page.keyboard.press('Tab')
    expect(await page.evaluate('document.activeElement?.outerHTML')).toMatch(/^<button/)
    await page.keyboard.press('Tab')
    expect(await page.evaluate('document.activeElement?.tagName')).not.toBe('BUTTON')
    await page.getByRole('button', { name: 'Abbestellen' }).focus()
    await page.keyboard.press('Enter')
    await page.getByRole('status').waitFor()
    expect(await page.locator('body').ariaSnapshot()).toBe(
      [
        '- main:',
        '  - heading "Demo blog" [level=1]',
        '  - status: "Erledigt: Sie erhalten diese E-Mails von Demo blog nicht mehr."',
      ].join('\n'),
    )
    expect(problems).toEqual([])
    await context.close()
  })
})
