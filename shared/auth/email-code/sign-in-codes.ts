import type { AttributeValue } from '@aws-sdk/client-dynamodb'
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import * as z from 'zod/mini'
import { safeEqual } from '../../crypto/mac.js'
import { signInCodeKey } from '../../db/item-keys.js'
import { HOUR_WINDOW_MS, type RateLimit, rateLimited, rateLimitUpdate } from '../../db/rate-limit.js'
import { conditionHeld, isConditionFailure, type Store } from '../../db/store.js'
import { transactWrite } from '../../db/transact.js'

/** How many guesses one code takes; the next one is refused, even the right code. */
export const CODE_TRIES = 5
/** How long a code is good for. */
export const CODE_SECONDS = 600

/** Whose code: one per (site, provider, keyed hash of the address). */
export interface CodeTarget {
  siteId: string
  providerId: string
  addressHash: string
}

/** What the table keeps of a code: its HMAC (never the code), the guesses it took, until when it holds. */
const CodeItemSchema = z.object({ codeMac: z.string(), tries: z.number(), validUntil: z.number() })

/** The item as it was when a guess's condition failed (raw attribute values, as DynamoDB returns them). */
const FailedItemSchema = z.object({ validUntil: z.object({ N: z.string() }) })

export type GuessResult =
  | { ok: true }
  | { ok: false; reason: 'wrong'; triesLeft: number }
  | { ok: false; reason: 'missing' | 'expired' | 'locked' | 'used' }

function whyRefused(item: Record<string, AttributeValue> | undefined, now: number): GuessResult {
  if (!item) return { ok: false, reason: 'missing' }
  const parsed = FailedItemSchema.safeParse(item)
  if (parsed.success && Number(parsed.data.validUntil.N) <= now) return { ok: false, reason: 'expired' }
  return { ok: false, reason: 'locked' }
}

/**
 * The sign-in codes of `email` providers. Every guess is one conditional update that counts it, so
 * however many guesses race, no more than {@link CODE_TRIES} are ever weighed; the right code is
 * consumed by a conditional delete, so it makes one session however many present it at once.
 * Every method throws UnavailableError when the store is unreachable or throttled after retries.
 */
export function createSignInCodes(store: Store) {
  const { tableName: TableName, send } = store
  return {
    /**
     * Keeps a new code (its HMAC), replacing the address's earlier one, and counts it against the
     * hourly windows in `limits` (the address's, the caller's IP's): all of it, or nothing.
     * @throws RateLimitedError when a window is full (nothing is written)
     */
    async keep(target: CodeTarget, codeMac: string, limits: RateLimit[], now: number): Promise<void> {
      const Key = signInCodeKey(target.siteId, target.providerId, target.addressHash)
      const item = { ...Key, codeMac, tries: 0, validUntil: now + CODE_SECONDS * 1000 }
      const cancelled = await transactWrite(store, [
        ...limits.map((limit) => rateLimitUpdate(TableName, target.siteId, limit, now, HOUR_WINDOW_MS)),
        // The table's TTL sweeps it (seconds) some time after it stopped holding.
        { Put: { TableName, Item: { ...item, expiresAt: Math.ceil(item.validUntil / 1000) } } },
      ])
      if (!cancelled) return
      if (cancelled.codes.includes('ConditionalCheckFailed')) throw rateLimited(now, HOUR_WINDOW_MS)
      throw new Error(`sign-in code write cancelled: ${cancelled.codes.join(', ')}`)
    },

    /** Forgets a code that was never mailed (the transport refused it), unless a newer one replaced it. */
    async discard(target: CodeTarget, codeMac: string): Promise<void> {
      await conditionHeld(
        send(
          new DeleteCommand({
            TableName,
            Key: signInCodeKey(target.siteId, target.providerId, target.addressHash),
            ConditionExpression: 'codeMac = :mac',
            ExpressionAttributeValues: { ':mac': codeMac },
          }),
        ),
      )
    },

    /**
     * Weighs one guess (its HMAC): counted first, compared in constant time, and when right the
     * code is consumed, once.
     */
    async guess(target: CodeTarget, guessMac: string, now: number): Promise<GuessResult> {
      const Key = signInCodeKey(target.siteId, target.providerId, target.addressHash)
      let counted: Record<string, unknown> | undefined
      try {
        counted = (
          await send(
            new UpdateCommand({
              TableName,
              Key,
              UpdateExpression: 'ADD tries :one',
              ConditionExpression: 'attribute_exists(pk) AND tries < :max AND validUntil > :now',
              ExpressionAttributeValues: { ':one': 1, ':max': CODE_TRIES, ':now': now },
              ReturnValues: 'ALL_NEW',
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            }),
          )
        ).Attributes
      } catch (err) {
        if (!isConditionFailure(err)) throw err
        return whyRefused((err as { Item?: Record<string, AttributeValue> }).Item, now)
      }
      const code = CodeItemSchema.parse(counted)
      if (!safeEqual(code.codeMac, guessMac))
        return { ok: false, reason: 'wrong', triesLeft: CODE_TRIES - code.tries }
      const consumed = await conditionHeld(
        send(
          new DeleteCommand({
            TableName,
            Key,
            // The same code still (not one that replaced it since), not consumed by a racing guess.
            ConditionExpression: 'codeMac = :mac',
            ExpressionAttributeValues: { ':mac': code.codeMac },
          }),
        ),
      )
      return consumed ? { ok: true } : { ok: false, reason: 'used' }
    },
  }
}

export type SignInCodes = ReturnType<typeof createSignInCodes>
