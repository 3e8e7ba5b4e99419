import { countComments, listPageComments } from '../../../shared/comments/list-comments.js'
import type { AppDeps } from '../app-env.js'
import type { EagerHandlers } from '../manifest/eager-requests.js'

/**
 * Reading comments (`route-manifest.ts`): what a reader's page asks first, loaded with the app.
 * Writing them is in `comment-writes.ts`, loaded on demand. The site is already in the context.
 */
export const commentsHandlers = (deps: AppDeps) =>
  ({
    listComments: async (c) => c.json(await listPageComments(deps, c.get('site'), c.req.valid('query'))),
    counts: async (c) => c.json(await countComments(deps, c.get('site'), c.req.valid('query'))),
  }) satisfies Partial<EagerHandlers>
