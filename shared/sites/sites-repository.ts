import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb'
import { SITES_PK, siteKey } from '../db/item-keys.js'
import { queryAll } from '../db/query-pages.js'
import { isConditionFailure, type Store } from '../db/store.js'
import { SiteExistsError, SiteNotFoundError } from '../errors.js'
import { type SiteConfig, StoredSiteConfigSchema } from './site-schema.js'

// Without zod's compiled fast path: a process parses a site once per cache period, too rarely to
// pay for compiling one.
const fromItem = (item: Record<string, unknown>): SiteConfig =>
  StoredSiteConfigSchema.parse(item.config, { jitless: true })

/** Sites as stored in DynamoDB. */
export function createSitesRepository(store: Store) {
  const { tableName: TableName, send } = store

  return {
    /** @throws SiteNotFoundError */
    async get(id: string): Promise<SiteConfig> {
      const { Item } = await send(new GetCommand({ TableName, Key: siteKey(id) }))
      if (!Item) throw new SiteNotFoundError(id)
      return fromItem(Item)
    },

    /** @throws SiteExistsError when a site with this id exists */
    async create(site: SiteConfig): Promise<void> {
      const Item = { ...siteKey(site.id), config: site }
      await send(new PutCommand({ TableName, Item, ConditionExpression: 'attribute_not_exists(pk)' })).catch(
        (err: unknown) => {
          throw isConditionFailure(err) ? new SiteExistsError(site.id) : err
        },
      )
    },

    /** @throws SiteNotFoundError when there is no such site to replace */
    async replace(site: SiteConfig): Promise<void> {
      const Item = { ...siteKey(site.id), config: site }
      await send(new PutCommand({ TableName, Item, ConditionExpression: 'attribute_exists(pk)' })).catch(
        (err: unknown) => {
          throw isConditionFailure(err) ? new SiteNotFoundError(site.id) : err
        },
      )
    },

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
