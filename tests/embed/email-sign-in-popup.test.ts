import type { Page } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import { createSmtpMailer } from '../../shared/mail/smtp-mailer.js'
import { codeIn } from '../auth/email-code/email-popup.js'
import { type SmtpSink, startSmtpSink } from '../notifications/smtp-sink.js'
import { type Api, type Blog, openSignInPopup, until, useBrowserSuite } from './harness.js'

let blog: Blog
let api: Api
let page: Page
// Started before the suite's API, which mails its codes to it.
const sink: SmtpSink = await startSmtpSink()
const mailer = createSmtpMailer(sink.url)
useBrowserSuite(
  (suite) => {
    ;({ blog, api, page } = suite)
  },
  {
    api: () => ({
      signInMail: { mailer, from: 'Parley <parley@blog.example>' },
      site: { providers: [{ id: 'mail', type: 'email' }] },
    }),
  },
)
afterAll(async () => {
  mailer.close()
  await sink.close()
})

describe('sign-in by e-mail in the popup', () => {
  it('mails a code, takes it in the popup, and hands the session to the widget', async () => {
    const { form, popup } = await openSignInPopup(page, blog, api, '/email', 'E-mail')
    await popup.getByLabel('Your e-mail address').fill('grace@mail.example')
    await popup.getByLabel('Your name').fill('Grace')
    await popup.getByRole('button', { name: 'Send me a code' }).click()
    const code = popup.getByLabel('Code from the e-mail')
    await code.waitFor()
    const [mail] = await sink.until(1)

    // A wrong code first: said next to the field, the form still there.
    await code.fill(codeIn(mail?.parsed ?? {}) === '000000' ? '111111' : '000000')
    await popup.getByRole('button', { name: 'Sign in', exact: true }).click()
    await until(() => popup.getByRole('alert').textContent()).toContain('not the one we sent')
    expect(await popup.getByLabel('Code from the e-mail').getAttribute('aria-invalid')).toBe('true')

    const closed = popup.waitForEvent('close', { timeout: 20_000 })
    await popup.getByLabel('Code from the e-mail').fill(codeIn(mail?.parsed ?? {}))
    await popup.getByRole('button', { name: 'Sign in', exact: true }).click()
    await closed

    await until(() => form.locator('.au').textContent()).toBe('Signed in as Grace · Log out')
    await form.getByLabel('Comment', { exact: true }).fill('Signed in with a code')
    await form.getByRole('button', { name: 'Post comment' }).click()
    const item = page.locator('#comments ol.list > li').first()
    await until(() => item.locator('.nm').textContent()).toBe('Grace')
    // The address reached no page the blog or the widget shows.
    expect((await page.content()).toLowerCase()).not.toContain('mail.example')
  })
})
