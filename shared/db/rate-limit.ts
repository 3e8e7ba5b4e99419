import { RateLimitedError } from '../errors.js'
import { rateKey } from './item-keys.js'
import type { TransactItem } from './transact.js'

/** Rate limits count requests in fixed windows of a minute. */
export const RATE_WINDOW_MS = 60_000
/** The window of slower things: mails to an address, sign-in codes. */
export const HOUR_WINDOW_MS = 3_600_000

/** What is counted (`ip#<hash>`, `user#<id>`, `fb#<hash>`) and how many requests a window allows. */
export interface RateLimit {
  key: string
  limit: number
}

/**
 * The transaction item that counts one more request in the current window of `limit.key`, and
 * fails its condition when the window is full, so that nothing of a refused request is written.
 */
export function rateLimitUpdate(
  TableName: string,
  siteId: string,
  limit: RateLimit,
  now: number,
  /** Longer windows for slower things (the notifier's hourly mail caps); a minute by default. */
  windowMs = RATE_WINDOW_MS,
): TransactItem {
  return {
    Update: {
      TableName,
      Key: rateKey(siteId, limit.key, Math.floor(now / windowMs)),
      UpdateExpression: 'ADD n :one SET expiresAt = :exp',
      ConditionExpression: 'attribute_not_exists(n) OR n < :limit',
      ExpressionAttributeValues: {
        ':one': 1,
        ':limit': limit.limit,
        // Kept a window longer than it counts; TTL sweeps it after.
        ':exp': Math.ceil(now / 1000) + (2 * windowMs) / 1000,
      },
    },
  }
}

/** The error of a full window, telling the client (`Retry-After`) when the next one starts. */
export const rateLimited = (now: number, windowMs = RATE_WINDOW_MS) =>
  new RateLimitedError(Math.max(1, Math.ceil((windowMs - (now % windowMs)) / 1000)))
