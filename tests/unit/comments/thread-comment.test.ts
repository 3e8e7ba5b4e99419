import { describe, expect, it } from 'vitest'
import { CommentRecordSchema } from '../../../shared/comments/comment-record.js'
import { ThreadCommentSchema, toPublicComment } from '../../../shared/comments/thread-comment.js'

/** A comment's item as the table holds it, keys and index attributes included. */
const item = {
  pk: 'SITE#demo#COMMENT#c1',
  sk: 'COMMENT',
  id: 'c1',
  siteId: 'demo',
  pageKey: 'k',
  pageUrl: 'https://blog.example/a',
  parentId: null,
  depth: 0,
  paths: { oldest: 'a', newest: 'b' },
  body: 'Hello **there**',
  html: '<p>Hello <strong>there</strong></p>',
  author: {
    name: 'Ada',
    email: 'ada@example.com',
    website: null,
    avatar: null,
    provider: 'guest',
    verified: false,
    moderator: false,
  },
  status: 'published',
  createdAt: Date.parse('2026-11-27T12:00:00Z'),
  editedAt: null,
  userId: null,
  editTokenHash: 'h',
  ipHash: 'iphash',
  userAgent: 'ua',
  reasons: [],
  likes: 2,
  version: 3,
}

describe('ThreadCommentSchema', () => {
  it('reads of an item only what a page’s list shows: no e-mail, IP hash, user agent or source', () => {
    const c = ThreadCommentSchema.parse(item)
    expect(c).not.toHaveProperty('body')
    expect(c).not.toHaveProperty('ipHash')
    expect(c).not.toHaveProperty('userAgent')
    expect(c).not.toHaveProperty('editTokenHash')
    expect(c.author).not.toHaveProperty('email')
    expect(toPublicComment(c)).toEqual({
      id: 'c1',
      parentId: null,
      depth: 0,
      author: {
        name: 'Ada',
        website: null,
        avatar: null,
        provider: 'guest',
        verified: false,
        moderator: false,
      },
      html: '<p>Hello <strong>there</strong></p>',
      createdAt: '2026-11-27T12:00:00.000Z',
      editedAt: null,
      deleted: false,
      pinned: false,
      reactions: { like: 2 },
    })
  })

  it('refuses an item that lacks what the list shows, as the whole record does', () => {
    const { html: _html, ...withoutHtml } = item
    expect(ThreadCommentSchema.safeParse(withoutHtml).success).toBe(false)
    expect(CommentRecordSchema.safeParse(withoutHtml).success).toBe(false)
  })

  it('leaves the whole record to writes and moderators: e-mail, IP hash and source are read there', () => {
    const record = CommentRecordSchema.parse(item)
    expect(record.author?.email).toBe('ada@example.com')
    expect(record).toMatchObject({ ipHash: 'iphash', body: 'Hello **there**', version: 3, replyCount: 0 })
    expect(toPublicComment(record)).toEqual(toPublicComment(ThreadCommentSchema.parse(item)))
  })
})
