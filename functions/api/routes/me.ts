import { erasePerson, personalData } from '../../../shared/privacy/erase.js'
import type { AppDeps } from '../app-env.js'
import type { OnDemandHandlers } from '../manifest/on-demand-requests.js'
import { signedIn } from './signed-in.js'

/** A signed-in reader's own data under `/v1/sites/:siteId/me`: see all of it, or erase it. */
export const meHandlers = (deps: AppDeps) =>
  ({
    personalData: async (c) => c.json(await personalData(deps, c.get('site'), signedIn(c).userId)),
    eraseMe: async (c) => {
      const { userId } = signedIn(c)
      const deleteText = c.req.valid('query').comments === 'delete'
      await erasePerson(deps, c.get('site'), { userId }, { deleteText, actor: `user:${userId}` })
      return c.body(null, 204)
    },
  }) satisfies Partial<OnDemandHandlers>
