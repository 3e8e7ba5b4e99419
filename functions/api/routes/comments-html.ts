import { listPageComments } from '../../../shared/comments/list-comments.js'
import { renderCommentsFragment } from '../../../shared/comments/render-comments-fragment.js'
import { wordsOf } from '../../embed/language-packs.js'
import type { AppDeps } from '../app-env.js'
import type { OnDemandHandlers } from '../manifest/on-demand-requests.js'

/**
 * `GET /v1/sites/{site}/comments.html`: the JSON list's answer (one Query) rendered as HTML in the
 * site's language, with the widget's words. On demand: its renderer stays out of the list's cold start.
 */
export const commentsHtmlHandlers = (deps: AppDeps) =>
  ({
    commentsHtml: async (c) => {
      const site = c.get('site')
      const query = c.req.valid('query')
      const { page, comments, nextCursor } = await listPageComments(deps, site, query)
      const html = renderCommentsFragment({
        page,
        comments,
        nextCursor,
        siteId: site.id,
        pageId: query.pageId,
        sort: query.sort,
        lang: site.language,
        words: wordsOf(site.language),
      })
      return c.body(html, 200, { 'Content-Type': 'text/html; charset=utf-8' })
    },
  }) satisfies Partial<OnDemandHandlers>
