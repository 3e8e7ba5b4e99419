import type { NotifierParts } from '../../functions/notifier/create-notifier-deps.js'
import type { DeliveryPlan, Person } from '../../shared/notifications/delivery-plan.js'
import type { StoppableMail } from '../../shared/notifications/planning-facts.js'

const DAY_MS = 24 * 3_600_000
const keyOf = (siteId: string, person: Person) =>
  `${siteId}/${'userId' in person ? `u:${person.userId}` : `e:${person.emailHash}`}`

/**
 * In-memory stand-ins for the mail module's repositories (preferences, subscriptions, suppression),
 * which are built in another branch: the notifier only sees them as the functions of its facts.
 * `deliver` records every plan handed to it, and throws for those `failWhen` picks.
 */
export function memoryMailParts() {
  const confirmed = new Set<string>()
  const stopped = new Map<string, StoppableMail[]>()
  const subscriptions = new Set<string>()
  const suppressed = new Set<string>()
  const claims = new Map<string, number>()
  const delivered: DeliveryPlan[] = []
  const attempts: DeliveryPlan[] = []
  const deliveredAt: number[] = []
  let failWhen: (plan: DeliveryPlan, attempt: number) => boolean = () => false
  const parts: NotifierParts = {
    facts: {
      standing: async (siteId, person) => ({
        confirmed: confirmed.has(keyOf(siteId, person)),
        stopped: stopped.get(keyOf(siteId, person)) ?? [],
      }),
      isSubscribed: async (siteId, person, commentId) =>
        subscriptions.has(`${keyOf(siteId, person)}/${commentId}`),
      isSuppressed: async (hash) => suppressed.has(hash),
      claimConfirmationMail: async (siteId, person, now) => {
        const last = claims.get(keyOf(siteId, person))
        if (last !== undefined && now - last < DAY_MS) return false
        claims.set(keyOf(siteId, person), now)
        return true
      },
    },
    subscribe: async (siteId, person, commentId) => {
      subscriptions.add(`${keyOf(siteId, person)}/${commentId}`)
    },
    deliver: async (plan) => {
      attempts.push(plan)
      // As an SMTP server answers: the address is quoted, and must not reach the logs.
      if (failWhen(plan, attempts.length))
        throw new Error(`550 <${'to' in plan ? plan.to : ''}> mailbox unavailable`)
      delivered.push(plan)
      deliveredAt.push(Date.now())
    },
  }
  return {
    parts,
    delivered,
    deliveredAt,
    attempts,
    subscriptions,
    confirm: (siteId: string, person: Person) => confirmed.add(keyOf(siteId, person)),
    stop: (siteId: string, person: Person, kind: StoppableMail) =>
      stopped.set(keyOf(siteId, person), [...(stopped.get(keyOf(siteId, person)) ?? []), kind]),
    suppress: (hash: string) => suppressed.add(hash),
    failWhen: (pick: typeof failWhen) => {
      failWhen = pick
    },
  }
}

export type MemoryMailParts = ReturnType<typeof memoryMailParts>
