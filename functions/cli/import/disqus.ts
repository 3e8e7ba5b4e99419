import type { DisqusIndex } from './disqus-index.js'
import { type DisqusPost, readDisqus } from './disqus-records.js'
import { type ImportComment, importAuthor } from './import-comment.js'
import { plainText } from './plain-text.js'

export interface DisqusEmitOptions {
  /** Replies read before their parent are held up to this many characters of message; beyond it, another pass reads them. */
  holdChars?: number
  /** Told when a pass starts (1 for the first). */
  onPass?: (pass: number) => void
}

/**
 * Streams a Disqus export's importable posts, every parent before its replies. Disqus lists posts in
 * any order across the whole file, so a reply read before its parent waits in a bounded buffer and
 * follows its parent out; when that buffer is full the reply is dropped and a further pass over the
 * file picks it up once its parent is out. Memory: the index, the ids sent, and `holdChars`.
 */
export async function* convertDisqus(
  path: string,
  index: DisqusIndex,
  { holdChars = 16 * 1024 * 1024, onPass }: DisqusEmitOptions = {},
): AsyncGenerator<ImportComment> {
  const sent = new Set<string>()
  for (let pass = 1; sent.size < index.importable; pass++) {
    onPass?.(pass)
    const before = sent.size
    const held = new Map<string, ImportComment[]>()
    let heldChars = 0
    let ordinal = 0
    for await (const record of readDisqus(path, { messages: true })) {
      if (record.kind !== 'post') continue
      const entry = index.posts.get(record.id)
      if (!entry || entry.ordinal !== ordinal++ || !entry.ok || sent.has(record.id)) continue
      const line = disqusComment(record, entry.parent, index)
      if (line.parentSourceId === null || sent.has(line.parentSourceId)) {
        // A parent out releases the replies that waited for it, and theirs.
        for (const ready = [line]; ready.length > 0; ) {
          const next = ready.pop() as ImportComment
          sent.add(next.sourceId)
          yield next
          const waiting = held.get(next.sourceId)
          if (waiting) {
            held.delete(next.sourceId)
            for (const reply of waiting) heldChars -= reply.body.length
            ready.push(...waiting)
          }
        }
      } else if (heldChars + line.body.length <= holdChars) {
        heldChars += line.body.length
        const siblings = held.get(line.parentSourceId)
        if (siblings) siblings.push(line)
        else held.set(line.parentSourceId, [line])
      }
    }
    if (sent.size === before)
      throw new Error(`Disqus export ${path}: no progress in pass ${pass}; it changed while read?`)
  }
}

const STATUS = (post: DisqusPost) =>
  post.isDeleted ? 'deleted' : post.isSpam ? 'spam' : post.isApproved ? 'published' : 'pending'

function disqusComment(post: DisqusPost, parent: string | null, index: DisqusIndex): ImportComment {
  const page = index.pages.get(post.thread)
  if (!page) throw new Error(`post ${post.id}: thread ${post.thread} vanished between passes`)
  return {
    source: 'disqus',
    sourceId: post.id,
    parentSourceId: parent,
    page: page.url,
    ...(page.title && { pageTitle: page.title }),
    author: importAuthor(
      plainText(post.author.name) || plainText(post.author.username),
      post.author.email,
      '',
    ),
    body: post.message,
    format: 'html',
    createdAt: new Date(Date.parse(post.createdAt)).toISOString(),
    status: STATUS(post),
  }
}
