import { expect, it } from 'vitest'
import type { MailPlan } from '../../shared/notifications/delivery-plan.js'
import { takeMailSlot } from '../../shared/notifications/mail-caps.js'
import { createTestApp } from '../helpers/test-app.js'

it('grants exactly the cap when many mails race for one address, and a new hour starts afresh', async () => {
  const t = await createTestApp()
  const site = await t.deps.sites.get('demo')
  const plan = (toHash: string) =>
    ({
      kind: 'moderator-mail',
      deliveryId: 'd',
      site,
      to: 'x',
      toHash,
      person: { emailHash: toHash },
    }) as MailPlan
  const caps = { perAddressPerHour: 3, perSitePerHour: 5 }
  const now = t.clock()
  const raced = await Promise.all(
    Array.from({ length: 12 }, () => takeMailSlot(t.deps.store, plan('a'), caps, now)),
  )
  expect(raced.filter(Boolean)).toHaveLength(3)
  // The site's cap counts only the granted ones: two more addresses get two more mails in all.
  const others = await Promise.all(
    ['b', 'c', 'b', 'c'].map((h) => takeMailSlot(t.deps.store, plan(h), caps, now)),
  )
  expect(others.filter(Boolean)).toHaveLength(2)
  expect(await takeMailSlot(t.deps.store, plan('a'), caps, now + 3_600_000)).toBe(true)
})
