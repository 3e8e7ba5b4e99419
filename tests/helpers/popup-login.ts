import type { Page } from 'playwright-core'
import { widgetReady } from '../embed/harness.js'

/**
 * Answers an `oidc-provider` login page, and its consent page when it shows one, in a sign-in
 * popup, as a reader would, until the API's callback closes the popup.
 */
export async function answerLoginInPopup(popup: Page, user: string) {
  const closed = popup.waitForEvent('close', { timeout: 20_000 })
  await popup.locator('input[name=login]').fill(user)
  await popup.locator('input[name=password]').fill('any password')
  await popup.locator('form [type=submit]').first().click()
  // The login is followed by the consent page (the first time) or by the callback. Wait for one of
  // them: on a busy machine the login page is still there a moment after the click, and its own
  // button, taken for the consent's, would submit the login twice and leave the consent unanswered.
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

/**
 * Loads `url` (a blog post with the widget), waits for the widget, and clicks its sign-in button
 * named `buttonName`; answers the comment form and the sign-in popup, loaded.
 */
export async function openSignInPopup(page: Page, url: string, buttonName: string) {
  await page.goto(url)
  await widgetReady(page)
  const form = page.locator('#comments form').first()
  const button = form.getByRole('button', { name: buttonName })
  await button.waitFor()
  const [popup] = await Promise.all([page.waitForEvent('popup'), button.click()])
  await popup.waitForLoadState()
  return { form, popup }
}
