import { publicProviders } from '../auth/public-providers.js'
import type { CountsResponse, ListCommentsResponse } from '../contracts/index.js'
import { resolvePage } from '../pages/page-ref.js'
import type { SiteConfig } from '../sites/site-schema.js'
import type { CommentDeps } from './comment-deps.js'
import type { CountsQuery, ListCommentsQuery } from './comment-input.js'
import { threadSortKey } from './comment-item.js'
import { decodeCursor, encodeCursor, issueFormToken } from './comment-tokens.js'
import { toPublicComment } from './thread-comment.js'

/**
 * A page's visible comments in thread order, threads oldest, newest or most liked first (`top`),
 * one Query per call, first page or later. The first page's Query reads the page's own item too
 * (it sorts first in the thread), whose count a later page is given by the cursor: readers paging
 * on see the count the list was first shown with, as they see its first comments. An unknown page
 * is empty. The first page also says how a reader may sign in (`signIn`, as `auth/providers`).
 * @throws ValidationError for a bad page URL or cursor
 * @throws PageNotOnSiteError
 */
export async function listPageComments(
  deps: CommentDeps,
  site: SiteConfig,
  query: ListCommentsQuery,
): Promise<ListCommentsResponse> {
  const page = resolvePage(site, query.page, query.pageId)
  const after =
    query.cursor === undefined
      ? undefined
      : decodeCursor(deps.keys, query.cursor, { page: page.key, sort: query.sort })
  // One comment more than asked tells whether another page follows.
  const [thread, sealedBefore] = await Promise.all([
    deps.comments.queryThread(site.id, page.key, query.sort, query.limit + 1, after?.after),
    // A cursor sealed before cursors carried the count: read it, as then.
    after && after.count === undefined ? deps.comments.getPage(site.id, page.key) : undefined,
  ])
  const commentCount = thread.page?.commentCount ?? after?.count ?? sealedBefore?.commentCount ?? 0
  const comments = thread.comments.slice(0, query.limit)
  const last = comments.at(-1)
  const more = thread.comments.length > query.limit && last !== undefined
  return {
    page: { url: page.url, commentCount },
    comments: comments.map(toPublicComment),
    nextCursor: more
      ? encodeCursor(deps.keys, {
          page: page.key,
          sort: query.sort,
          after: threadSortKey(last, query.sort),
          commentCount,
        })
      : null,
    formToken: issueFormToken(deps.keys, site.id, deps.clock()),
    ...(after === undefined && { signIn: publicProviders(site) }),
  }
}

/**
 * Published comment counts of up to 50 pages, keyed by each page exactly as given.
 * @throws ValidationError, PageNotOnSiteError
 */
export async function countComments(
  deps: CommentDeps,
  site: SiteConfig,
  query: CountsQuery,
): Promise<CountsResponse> {
  const pages = query.page.map((url, i) => ({
    url,
    key: resolvePage(site, url, undefined, `#/page/${i}`).key,
  }))
  const counts = await deps.comments.countPages(
    site.id,
    pages.map((p) => p.key),
  )
  return { counts: Object.fromEntries(pages.map((p) => [p.url, counts.get(p.key) ?? 0])) }
}
