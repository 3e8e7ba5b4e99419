import { listFeedComments } from '../../../shared/feeds/list-feed-comments.js'
import { renderAtomFeed } from '../../../shared/feeds/render-atom-feed.js'
import type { AppDeps } from '../app-env.js'
import type { OnDemandHandlers } from '../manifest/on-demand-requests.js'

/** `GET /v1/sites/{site}/feed.atom[?page=URL]`: a page's or the site's newest comments as Atom. */
export const commentsFeedHandlers = (deps: AppDeps) =>
  ({
    commentsFeed: async (c) => {
      const site = c.get('site')
      const { page, entries } = await listFeedComments(deps, site, c.req.valid('query'))
      const xml = renderAtomFeed(
        {
          siteName: site.name,
          pageUrl: page?.url,
          siteUrl: site.origins[0] ?? c.req.url,
          selfUrl: c.req.url,
        },
        entries,
      )
      return c.body(xml, 200, { 'Content-Type': 'application/atom+xml; charset=utf-8' })
    },
  }) satisfies Partial<OnDemandHandlers>
