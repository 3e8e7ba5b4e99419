import { describe, expect, it } from 'vitest'
import { type CommentRecord, CommentRecordSchema } from '../../shared/comments/comment-record.js'
import { readStreamRecord } from '../../shared/notifications/read-stream.js'

// Records in the stream's attribute-value shape, built from a comment: the decoding under test is
// the notifier's own, so the fixture encodes by hand.

const encode = (value: unknown): unknown => {
  if (value === null) return { NULL: true }
  if (typeof value === 'string') return { S: value }
  if (typeof value === 'number') return { N: String(value) }
  if (typeof value === 'boolean') return { BOOL: value }
  if (Array.isArray(value)) return { L: value.map(encode) }
  return { M: Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, encode(v)])) }
}
const image = (item: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(item).map(([k, v]) => [k, encode(v)]))

const comment = (over: Partial<CommentRecord> = {}): CommentRecord =>
  CommentRecordSchema.parse({
    id: '0mwyabc0000000001',
    siteId: 'demo',
    pageKey: 'https://blog.example/p',
    pageUrl: 'https://blog.example/p',
    depth: 0,
    paths: { oldest: 'a', newest: 'b' },
    body: 'Hi',
    html: '<p>Hi</p>',
    status: 'pending',
    createdAt: 1,
    ipHash: 'hash',
    ...over,
  })
const item = (c: CommentRecord) => image({ pk: `S#${c.siteId}#C#${c.id}`, sk: 'C', ...c })

const record = (
  eventName: string,
  images: { NewImage?: unknown; OldImage?: unknown },
  at: number | Date = 1_800_000_000,
) => ({
  eventID: 'ev-1',
  eventName,
  dynamodb: { ApproximateCreationDateTime: at, SequenceNumber: '42', ...images },
})

const types = (r: ReturnType<typeof readStreamRecord>) => r.events.map((e) => e.type)

describe('readStreamRecord', () => {
  it('reads a new pending comment as comment.created, with an id stable for the record', () => {
    const read = readStreamRecord(record('INSERT', { NewImage: item(comment()) }), 0)
    expect(read.events).toEqual([
      expect.objectContaining({
        id: 'ev-1:comment.created',
        type: 'comment.created',
        siteId: 'demo',
        at: 1_800_000_000_000,
      }),
    ])
    expect(readStreamRecord(record('INSERT', { NewImage: item(comment()) }), 0)).toEqual(read)
  })

  it("reads the streams client's Date as well as Lambda's epoch seconds", () => {
    const at = new Date('2026-12-04T01:00:00Z')
    const [event] = readStreamRecord(record('INSERT', { NewImage: item(comment()) }, at), 0).events
    expect(event?.at).toBe(at.getTime())
  })

  it('reads a comment published at once as created and published', () => {
    const read = readStreamRecord(record('INSERT', { NewImage: item(comment({ status: 'published' })) }), 0)
    expect(types(read)).toEqual(['comment.created', 'comment.published'])
  })

  it('reads approval, deletion and removal; an edit or a like is no event', () => {
    const pending = item(comment())
    const published = item(comment({ status: 'published' }))
    const liked = item(comment({ status: 'published', likes: 3 }))
    const deleted = item(comment({ status: 'deleted' }))
    expect(types(readStreamRecord(record('MODIFY', { OldImage: pending, NewImage: published }), 0))).toEqual([
      'comment.published',
    ])
    expect(types(readStreamRecord(record('MODIFY', { OldImage: published, NewImage: liked }), 0))).toEqual([])
    expect(types(readStreamRecord(record('MODIFY', { OldImage: published, NewImage: deleted }), 0))).toEqual([
      'comment.deleted',
    ])
    expect(types(readStreamRecord(record('REMOVE', { OldImage: published }), 0))).toEqual(['comment.deleted'])
    expect(types(readStreamRecord(record('REMOVE', { OldImage: deleted }), 0))).toEqual([])
  })

  it('gives no event for an imported comment (no requester): history is not news', () => {
    expect(
      readStreamRecord(record('INSERT', { NewImage: item(comment({ ipHash: null })) }), 0).events,
    ).toEqual([])
  })

  it('reads a vote as feedback.created, without a message the spam checks held', () => {
    const vote = (v: Record<string, unknown>) =>
      image({ pk: 'S#demo#FB#https://blog.example/p', sk: 'V#abc', pageUrl: 'https://blog.example/p', ...v })
    const read = readStreamRecord(
      record('INSERT', { NewImage: vote({ vote: 'up', message: 'Nice', reasons: [] }) }),
      0,
    )
    expect(read.events).toEqual([
      expect.objectContaining({
        type: 'feedback.created',
        feedback: { page: 'https://blog.example/p', vote: 'up', message: 'Nice' },
      }),
    ])
    const held = readStreamRecord(
      record('INSERT', { NewImage: vote({ vote: 'down', message: 'spam', reasons: ['links'] }) }),
      0,
    )
    expect(held.events[0]).toMatchObject({ feedback: { message: null } })
    const same = vote({ vote: 'up', message: null, reasons: [] })
    expect(readStreamRecord(record('MODIFY', { OldImage: same, NewImage: same }), 0).events).toEqual([])
  })

  it('skips a comment whose item names another site or id than its key', () => {
    const c = comment()
    const forged = image({ pk: 'S#other#C#0mwyabc0000000001', sk: 'C', ...c })
    expect(readStreamRecord(record('INSERT', { NewImage: forged }), 0)).toEqual({
      events: [],
      skipped: 'unreadable comment',
    })
  })

  it('passes over items that are not comments or votes: likes, thread members, pages', () => {
    for (const [pk, sk] of [
      ['S#demo#C#0mwyabc0000000001', 'LIKE#u1'],
      ['S#demo#C#0mwyabc0000000001', 'M#0mwyabc0000000002'],
      ['S#demo#P#https://blog.example/p', 'PAGE'],
      ['SITES', 'SITE#demo'],
    ])
      expect(
        readStreamRecord(record('INSERT', { NewImage: image({ pk, sk, status: 'published' }) }), 0),
      ).toEqual({
        events: [],
      })
  })
})
