import type { CountsResponse, ListCommentsResponse } from '../contracts/index.js'
import { resolvePage } from '../pages/page-ref.js'
import type { SiteConfig } from '../sites/site-schema.js'
import type { CommentDeps } from './comment-deps.js'
import type { CountsQuery, ListCommentsQuery } from './comment-input.js'
import { threadSortKey } from './comment-item.js'
import { toPublicComment } from './comment-record.js'
import { decodeCursor, encodeCursor, issueFormToken } from './comment-tokens.js'

/**
 * A page's visible comments in thread order, threads oldest, newest or most liked first (`top`),
 * one Query per call. An unknown page is empty.
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
  const [thread, laterPage] = await Promise.all([
    deps.comments.queryThread(site.id, page.key, query.sort, query.limit + 1, after),
    after === undefined ? undefined : deps.comments.getPage(site.id, page.key),
  ])
  const comments = thread.comments.slice(0, query.limit)
  const last = comments.at(-1)
  const more = thread.comments.length > query.limit && last !== undefined
  return {
    page: { url: page.url, commentCount: (thread.page ?? laterPage)?.commentCount ?? 0 },
    comments: comments.map(toPublicComment),
    nextCursor: more
      ? encodeCursor(deps.keys, {
          page: page.key,
          sort: query.sort,
          after: threadSortKey(last, query.sort),
        })
      : null,
    formToken: issueFormToken(deps.keys, site.id, deps.clock()),
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
