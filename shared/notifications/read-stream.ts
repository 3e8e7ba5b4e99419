import * as z from 'zod/mini'
import { type CommentRecord, CommentRecordSchema } from '../comments/comment-record.js'
import { itemOfKey } from '../db/item-keys.js'
import type { NotificationEvent } from './notification-event.js'
import { decodeImage } from './stream-image.js'

/**
 * One record of the table's stream, in both shapes the notifier meets: a Lambda event's record
 * (`ApproximateCreationDateTime` in epoch seconds) and the streams client's GetRecords record (a
 * `Date`). Only what the notifier reads is checked; images are decoded apart.
 */
export const StreamRecordSchema = z.object({
  eventID: z.string().check(z.minLength(1), z.maxLength(256)),
  eventName: z.enum(['INSERT', 'MODIFY', 'REMOVE']),
  dynamodb: z.object({
    ApproximateCreationDateTime: z.optional(z.union([z.number(), z.date()])),
    NewImage: z.optional(z.record(z.string(), z.unknown())),
    OldImage: z.optional(z.record(z.string(), z.unknown())),
    SequenceNumber: z.optional(z.string()),
  }),
})
export type StreamRecord = z.infer<typeof StreamRecordSchema>

/** What a record said: its events, or why it was skipped (never a person's data, only a reason). */
export type ReadRecord = { events: NotificationEvent[]; skipped?: string }

const VoteSchema = z.object({
  pageUrl: z.string(),
  vote: z.enum(['up', 'down']),
  message: z._default(z.nullable(z.string()), null),
  reasons: z._default(z.array(z.string()), []),
})

const skip = (reason: string): ReadRecord => ({ events: [], skipped: reason })

const timeOf = (at: StreamRecord['dynamodb']['ApproximateCreationDateTime'], now: number) =>
  at === undefined ? now : at instanceof Date ? at.getTime() : Math.round(at * 1000)

/**
 * The notification events of one stream record: comments created, published or deleted, and page
 * feedback given. Every other item of the table, every change that is none of these (an edit, a
 * like), and anything that does not parse (a hostile or damaged item) gives no event. An event's
 * id is the record's `eventID` and the event type: the same when the stream delivers it again.
 * @param now the time to stamp an event whose record has none
 */
export function readStreamRecord(input: unknown, now: number): ReadRecord {
  const parsed = StreamRecordSchema.safeParse(input)
  if (!parsed.success) return skip('not a stream record')
  const record = parsed.data
  let next: Record<string, unknown> | undefined
  let prev: Record<string, unknown> | undefined
  try {
    next = record.dynamodb.NewImage && decodeImage(record.dynamodb.NewImage)
    prev = record.dynamodb.OldImage && decodeImage(record.dynamodb.OldImage)
  } catch {
    return skip('undecodable image')
  }
  const keyed = next ?? prev
  const { pk, sk } = keyed ?? {}
  const item = typeof pk === 'string' && typeof sk === 'string' ? itemOfKey(pk, sk) : undefined
  if (!item) return { events: [] }
  const base = { siteId: item.siteId, at: timeOf(record.dynamodb.ApproximateCreationDateTime, now) }
  const idOf = (type: NotificationEvent['type']) => `${record.eventID}:${type}`

  if (item.kind === 'vote') {
    if (record.eventName === 'REMOVE' || !next) return { events: [] }
    const vote = VoteSchema.safeParse(next)
    if (!vote.success) return skip('unreadable vote')
    const before = prev && VoteSchema.safeParse(prev)
    if (before?.success && before.data.vote === vote.data.vote && before.data.message === vote.data.message)
      return { events: [] }
    // A message held by the spam checks is nobody's business but the moderators'.
    const message = vote.data.reasons.length > 0 ? null : vote.data.message
    const feedback = { page: vote.data.pageUrl, vote: vote.data.vote, message }
    return { events: [{ id: idOf('feedback.created'), type: 'feedback.created', ...base, feedback }] }
  }

  const comment = (image: Record<string, unknown> | undefined) => {
    const c = image && CommentRecordSchema.safeParse(image)
    return c?.success && c.data.siteId === item.siteId && c.data.id === item.id ? c.data : undefined
  }
  const after = comment(next)
  const before = comment(prev)
  if ((next && !after) || (prev && !before)) return skip('unreadable comment')
  const event = (type: Exclude<NotificationEvent['type'], 'feedback.created'>, c: CommentRecord) => ({
    id: idOf(type),
    type,
    ...base,
    comment: c,
    ...(before && { previous: before }),
  })
  const events: NotificationEvent[] = []
  if (record.eventName === 'INSERT' && after) {
    // Only an import writes a comment with no requester's IP hash: history, not news to tell of.
    if (after.ipHash === null) return { events: [] }
    events.push(event('comment.created', after))
    if (after.status === 'published') events.push(event('comment.published', after))
  } else if (record.eventName === 'MODIFY' && after && before) {
    if (after.status === 'published' && before.status !== 'published')
      events.push(event('comment.published', after))
    if (after.status === 'deleted' && before.status !== 'deleted')
      events.push(event('comment.deleted', after))
  } else if (record.eventName === 'REMOVE' && before && before.status !== 'deleted') {
    events.push(event('comment.deleted', before))
  }
  return { events }
}

/** The sequence number a partial batch response names a record by (absent on a hostile record). */
export const sequenceNumberOf = (input: unknown): string | undefined => {
  const parsed = StreamRecordSchema.safeParse(input)
  return parsed.success ? parsed.data.dynamodb.SequenceNumber : undefined
}
