import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import { UnavailableError } from '../errors.js'

/** Errors the repositories translate into domain errors themselves. */
const PASSED_THROUGH = new Set([
  'ConditionalCheckFailedException',
  'TransactionCanceledException',
  'ValidationException',
])

/**
 * Whether a write was refused because a transaction holds one of its items right now: DynamoDB's
 * `TransactionConflictException`, or DynamoDB Local's way of saying it (a 500 after waiting for the
 * item's lock, which "will succeed in actual DynamoDB"). The store reports it as unavailable, so a
 * caller who does not retry answers 503; `retryOnConflict` retries it.
 */
export function isTransactionConflict(err: unknown): boolean {
  const cause = err instanceof UnavailableError ? err.cause : err
  if (!(cause instanceof Error)) return false
  if (cause.name === 'TransactionConflictException') return true
  return cause.name === 'InternalServerError' && /waiting for a lock/.test(cause.message)
}

/** Whether a write was refused because its `ConditionExpression` did not hold. */
export const isConditionFailure = (err: unknown) =>
  err instanceof Error && err.name === 'ConditionalCheckFailedException'

/**
 * Whether a conditional write took effect: `false` when its condition did not hold (a claim someone
 * else holds, a newer value already there), any other failure thrown.
 */
export async function conditionHeld(write: Promise<unknown>): Promise<boolean> {
  try {
    await write
    return true
  } catch (err) {
    if (isConditionFailure(err)) return false
    throw err
  }
}

/**
 * How long one store call may take, retries included, before the request is answered 503. In
 * Lambda a process serves one request at a time and a healthy DynamoDB answers in milliseconds.
 */
export const STORE_DEADLINE_MS = 2_500

/** The table and the client, with one way to send: bounded in time, failures translated. */
export interface Store {
  tableName: string
  client: DynamoDBDocumentClient
  send: DynamoDBDocumentClient['send']
}

/**
 * Wraps a document client so every call answers within `deadlineMs`, and throttling,
 * network failures and timeouts (after the SDK's own retries) become {@link UnavailableError}.
 */
export function createStore(
  client: DynamoDBDocumentClient,
  tableName: string,
  deadlineMs = STORE_DEADLINE_MS,
): Store {
  const send = (async (command: Parameters<DynamoDBDocumentClient['send']>[0]) => {
    try {
      return await client.send(command, { abortSignal: AbortSignal.timeout(deadlineMs) })
    } catch (err) {
      if (err instanceof Error && PASSED_THROUGH.has(err.name)) throw err
      throw new UnavailableError({ cause: err })
    }
  }) as DynamoDBDocumentClient['send']
  return { tableName, client, send }
}
