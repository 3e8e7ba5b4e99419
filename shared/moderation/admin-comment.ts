import { type CommentRecord, toPublicComment } from '../comments/comment-record.js'

/** What moderators see of a comment: the public view plus status, page, source, e-mail, IP hash, reasons. */
export function toAdminComment(c: CommentRecord) {
  // Moderators see deleted comments whole: a tombstone hides nothing from them.
  const visible = toPublicComment({ ...c, status: 'published' })
  return {
    ...visible,
    deleted: c.status === 'deleted',
    status: c.status,
    page: c.pageUrl,
    body: c.body,
    email: c.author?.email ?? null,
    ipHash: c.ipHash,
    userAgent: c.userAgent,
    reasons: c.reasons,
    /** The signed-in author, so a moderator can ban the user (null for guests and after erasure). */
    userId: c.userId,
  }
}

export type AdminComment = ReturnType<typeof toAdminComment>
