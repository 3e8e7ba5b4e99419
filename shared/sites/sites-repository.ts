import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb'
import { SITES_PK, siteKey } from '../db/item-keys.js'
import { queryAll } from '../db/query-pages.js'
import { isConditionFailure, type Store } from '../db/store.js'
import type { TransactItem } from '../db/transact.js'
import { SiteExistsError, SiteNotFoundError } from '../errors.js'
import { type SiteConfig, StoredSiteConfigSchema } from './site-schema.js'

// Without zod's compiled fast path: a process parses a site once per cache period, too rarely to
// pay for compiling one.
const fromItem = (item: Record<string, unknown>): SiteConfig =>
  StoredSiteConfigSchema.parse(item.config, { jitless: true })

/** Writes saved with a config, each made for the table. */
type Also = ((tableName: string) => TransactItem)[]

/** Sites as stored in DynamoDB. */
export function createSitesRepository(store: Store) {
  const { tableName: TableName, send } = store

  const save = async (site: SiteConfig, condition: string, also: Also, refused: () => Error) => {
    const Item = { ...siteKey(site.id), config: site }
    if (also.length === 0) {
      await send(new PutCommand({ TableName, Item, ConditionExpression: condition })).catch(
        (err: unknown) => {
          throw isConditionFailure(err) ? refused() : err
        },
      )
      return true
    }
    // Loaded with the first save that needs it: a cold start reads sites, it does not save them.
    const { transactWrite } = await import('../db/transact.js')
    const cancelled = await transactWrite(store, [
      { Put: { TableName, Item, ConditionExpression: condition } },
      ...also.map((write) => write(TableName)),
    ])
    if (cancelled?.codes[0] === 'ConditionalCheckFailed') throw refused()
    return cancelled === undefined
  }

  return {
    /** @throws SiteNotFoundError */
    async get(id: string): Promise<SiteConfig> {
      const { Item } = await send(new GetCommand({ TableName, Key: siteKey(id) }))
      if (!Item) throw new SiteNotFoundError(id)
      return fromItem(Item)
    },

    /**
     * @param also writes that go with the config, all or none (a new webhook's secret): `false`
     *   when one of their conditions failed and nothing was written
     * @throws SiteExistsError when a site with this id exists
     */
    create: (site: SiteConfig, also: Also = []) =>
      save(site, 'attribute_not_exists(pk)', also, () => new SiteExistsError(site.id)),

    /** @throws SiteNotFoundError when there is no such site to replace */
    replace: (site: SiteConfig, also: Also = []) =>
      save(site, 'attribute_exists(pk)', also, () => new SiteNotFoundError(site.id)),

    async list(): Promise<SiteConfig[]> {
      const items = await queryAll(store, {
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': SITES_PK },
      })
      return items.map(fromItem)
    },
  }
}

export type SitesRepository = ReturnType<typeof createSitesRepository>
