import type { CommentDeps } from '../comments/comment-deps.js'
import { toPublicComment } from '../comments/comment-record.js'
import type { ThreadComment } from '../comments/thread-comment.js'
import type { Comment } from '../contracts/index.js'
import { resolvePage } from '../pages/page-ref.js'
import type { SiteConfig } from '../sites/site-schema.js'
import type { FeedQuery } from './feed-input.js'

/** Entries a feed holds at most (the contract's bound). */
export const FEED_ENTRIES = 50
/** How far the page feed reads its page's thread, newest threads first: one Query of its partition. */
const PAGE_THREAD_WINDOW = 200
/** How far it reads the site's newest published comments, for new replies to older threads. */
const SITE_WINDOW = 100

/** A feed entry: the public comment and the page it is on. */
export interface FeedComment {
  comment: Comment
  pageUrl: string
}

/** What a feed is of: a page (its normalised URL), or the whole site. */
export interface FeedComments {
  page: { url: string } | undefined
  entries: FeedComment[]
}

const newestFirst = (a: ThreadComment, b: ThreadComment) =>
  b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1)

/**
 * The newest published comments of a page (with `query.page`) or of the site, newest first, at
 * most {@link FEED_ENTRIES}.
 *
 * The site's are one Query of the `by-status` index (published, newest first). A page's are two
 * bounded Queries, no Scan: its thread index `thread-newest` (its own partition; threads newest
 * first, each with its replies) from the top, {@link PAGE_THREAD_WINDOW} items, which holds its
 * newest threads whole; and the site's newest {@link SITE_WINDOW} published comments, of which
 * those on the page add new replies to older threads. Only a reply to a thread older than the
 * window that more than {@link SITE_WINDOW} newer comments of the site have since pushed back is left out:
 * a feed shows what is recent.
 * @throws ValidationError for a bad page URL
 * @throws PageNotOnSiteError
 */
export async function listFeedComments(
  deps: CommentDeps,
  site: SiteConfig,
  query: FeedQuery,
): Promise<FeedComments> {
  if (query.page === undefined) {
    const records = await deps.comments.queryByStatus(site.id, 'published', FEED_ENTRIES)
    return {
      page: undefined,
      entries: records.map((r) => ({ comment: toPublicComment(r), pageUrl: r.pageUrl })),
    }
  }
  const page = resolvePage(site, query.page, query.pageId)
  const [thread, recent] = await Promise.all([
    deps.comments.queryThread(site.id, page.key, 'newest', PAGE_THREAD_WINDOW),
    deps.comments.queryByStatus(site.id, 'published', SITE_WINDOW),
  ])
  const byId = new Map<string, ThreadComment>()
  for (const c of [...thread.comments, ...recent.filter((r) => r.pageKey === page.key)])
    if (c.status === 'published') byId.set(c.id, c)
  const newest = [...byId.values()].sort(newestFirst).slice(0, FEED_ENTRIES)
  return {
    page: { url: page.url },
    entries: newest.map((c) => ({ comment: toPublicComment(c), pageUrl: page.url })),
  }
}
