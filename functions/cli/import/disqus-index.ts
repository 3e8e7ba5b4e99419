import type { ConversionReport } from './conversion-report.js'
import { readDisqus } from './disqus-records.js'
import { type OriginMapping, pageUrl } from './page-url.js'
import { plainText } from './plain-text.js'

export interface IndexedPost {
  /** The post's position among the file's posts: a repeated id counts only where it first appears. */
  ordinal: number
  thread: string
  /** The parent as it will be imported: `null` when the export's parent cannot be. */
  parent: string | null
  ok: boolean
}

export interface DisqusIndex {
  pages: Map<string, { url: string; title: string | undefined }>
  posts: Map<string, IndexedPost>
  importable: number
}

/**
 * The first pass over a Disqus export: threads, and of each post only its ids, so memory stays small
 * however long the messages are. Decides which posts can be imported and under which parent; says
 * why in the report for those that cannot.
 * @throws ExportFileError when the file is not well-formed XML or not a Disqus export
 */
export async function indexDisqus(
  path: string,
  mappings: readonly OriginMapping[],
  report: ConversionReport,
): Promise<DisqusIndex> {
  const pages = new Map<string, { url: string; title: string | undefined }>()
  const linkless = new Map<string, string>()
  const posts = new Map<string, IndexedPost>()
  let ordinal = 0
  for await (const record of readDisqus(path, { messages: false })) {
    if (record.kind === 'thread') {
      const url = pageUrl(record.link, mappings)
      if (url) pages.set(record.id, { url, title: plainText(record.title).slice(0, 300) || undefined })
      else linkless.set(record.id, record.link)
      continue
    }
    const at = ordinal++
    if (posts.has(record.id) || !record.id) {
      report.skip(
        'duplicate-id',
        `post ${record.id || '(without dsq:id)'} at position ${at + 1}: repeats an id; skipped`,
      )
      continue
    }
    const dated = !Number.isNaN(Date.parse(record.createdAt))
    if (!dated) report.skip('no-date', `post ${record.id} has no valid createdAt; skipped`)
    posts.set(record.id, { ordinal: at, thread: record.thread, parent: record.parent, ok: dated })
  }
  checkThreads(posts, pages, linkless, report)
  const importable = resolveParents(posts, report)
  return { pages, posts, importable }
}

function checkThreads(
  posts: Map<string, IndexedPost>,
  pages: Map<string, unknown>,
  linkless: Map<string, string>,
  report: ConversionReport,
) {
  const linklessPosts = new Map<string, number>()
  for (const [id, post] of posts) {
    if (!post.ok || pages.has(post.thread)) continue
    post.ok = false
    if (linkless.has(post.thread)) {
      report.skip('thread-without-link')
      linklessPosts.set(post.thread, (linklessPosts.get(post.thread) ?? 0) + 1)
    } else
      report.skip(
        'thread-not-found',
        `post ${id} is in thread ${post.thread}, which is not in the export; skipped`,
      )
  }
  for (const [thread, link] of linkless) {
    const count = linklessPosts.get(thread) ?? 0
    report.warn(
      `thread ${thread} has no usable link ("${link}"): ${count === 0 ? 'it has no posts' : `its ${count} post(s) are skipped`}`,
    )
  }
}

/** Replies to what cannot be imported, to another thread, or in a cycle become top-level; counts the rest. */
function resolveParents(posts: Map<string, IndexedPost>, report: ConversionReport): number {
  let importable = 0
  const acyclic = new Set<string>()
  for (const [id, post] of posts) {
    if (!post.ok) continue
    importable++
    if (post.parent === null) continue
    const parent = posts.get(post.parent)
    const why = !parent
      ? 'which is not in the export'
      : !parent.ok
        ? 'which is not imported'
        : parent.thread !== post.thread
          ? 'which is in another thread'
          : inCycle(id, posts, acyclic)
            ? 'in a cycle of replies'
            : undefined
    if (why) {
      report.warn(`post ${id} replies to ${post.parent}, ${why}: it becomes a top-level comment`)
      post.parent = null
    }
  }
  return importable
}

/** Walks up from `id`; chains found to end are remembered, so a deep thread is walked once. */
function inCycle(id: string, posts: Map<string, IndexedPost>, acyclic: Set<string>): boolean {
  const seen = new Set<string>()
  for (let at: string | null = id; at !== null && !acyclic.has(at); at = posts.get(at)?.parent ?? null) {
    if (seen.has(at)) return at === id
    seen.add(at)
  }
  for (const at of seen) acyclic.add(at)
  return false
}
