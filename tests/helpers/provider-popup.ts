import type { Page } from 'playwright-core'

/**
 * Answers an oidc-provider's login and consent pages in the popup, as a reader would, until the
 * callback closes it.
 */
export async function signInAtProvider(popup: Page, user: string, timeout = 20_000) {
  const closed = popup.waitForEvent('close', { timeout })
  await popup.locator('input[name=login]').fill(user)
  await popup.locator('input[name=password]').fill('any password')
  await popup.locator('form [type=submit]').first().click()
  // The login is followed by the consent page (the first time) or by the callback. Wait for one of
  // them: on a busy machine the login page is still there a moment after the click, and its own
  // button, taken for the consent's, would submit the login twice and leave the consent unanswered.
  const consent = popup.locator('input[name=prompt][value=consent]')
  const next = await Promise.race([
    closed.then(() => 'closed' as const),
    consent.waitFor({ state: 'attached', timeout }).then(
      () => 'consent' as const,
      () => 'closed' as const,
    ),
  ])
  if (next === 'consent') await popup.locator('form [type=submit]').first().click()
  await closed
}
