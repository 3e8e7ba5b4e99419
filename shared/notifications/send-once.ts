import { type DeliveryPlan, isMailPlan } from './delivery-plan.js'
import { DEFAULT_MAIL_CAPS, takeMailSlot } from './mail-caps.js'
import type { NotifierContext } from './notifier-context.js'

export type SendOutcome = 'sent' | 'already-sent' | 'capped' | 'filed'

/**
 * Carries out one plan at most once, however often its event is read: claimed in the delivery
 * ledger first, counted against the mail caps, delivered, then marked sent. A failed delivery gives
 * its claim back (the next reading of the batch tries it again). Digest entries are filed in the
 * table here, never delivered.
 * @throws whatever `deliver` or the store throws, and when an earlier sender still holds the
 *   delivery (one that died mid-send: the batch is retried once its lease lapses)
 */
export async function sendOnce(
  { deps, ledger, digests }: Pick<NotifierContext, 'deps' | 'ledger' | 'digests'>,
  plan: DeliveryPlan,
): Promise<SendOutcome> {
  const siteId = plan.site.id
  if (plan.kind === 'digest-entry') {
    await digests.add(siteId, plan.commentId, plan.at)
    return 'filed'
  }
  if (!(await ledger.claim(siteId, plan.deliveryId, deps.clock()))) {
    if ((await ledger.state(siteId, plan.deliveryId)) === 'sent') return 'already-sent'
    throw new Error(`delivery ${plan.deliveryId} is held by an earlier sender`)
  }
  try {
    if (
      isMailPlan(plan) &&
      !(await takeMailSlot(deps.store, plan, deps.caps ?? DEFAULT_MAIL_CAPS, deps.clock()))
    ) {
      await ledger.complete(siteId, plan.deliveryId, deps.clock())
      return 'capped'
    }
    await deps.deliver(plan)
  } catch (err) {
    await ledger.release(siteId, plan.deliveryId)
    throw err
  }
  await ledger.complete(siteId, plan.deliveryId, deps.clock())
  return 'sent'
}
