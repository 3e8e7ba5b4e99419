import type { Clock } from '../clock.js'
import { invalidField } from '../errors.js'
import { parseInput } from '../validation.js'
import { type SiteConfig, SiteConfigSchema } from './site-schema.js'
import type { SitesRepository } from './sites-repository.js'

/** How long a warm process trusts its copy of a site's config before reading it again. */
export const SITE_CACHE_MS = 30_000

/**
 * Parses a config to save.
 * @throws ValidationError
 */
async function parseSiteConfig(input: unknown): Promise<SiteConfig> {
  const site = parseInput(SiteConfigSchema, input)
  // Imported by the first save: reading sites, as every request does, never loads it.
  const { assertSafeBlocklist } = await import('./blocklist-entry.js')
  await assertSafeBlocklist(site.spam.blocklist)
  return site
}

/**
 * Site configs for every request, read through a short per-process cache: each public request
 * needs its site, and a site changes rarely. Writes through this directory refresh its own cache
 * at once; other warm processes see a change within {@link SITE_CACHE_MS}.
 */
export function createSiteDirectory(repository: SitesRepository, clock: Clock) {
  const cache = new Map<string, { site: SiteConfig; until: number }>()
  const remember = (site: SiteConfig) => {
    cache.set(site.id, { site, until: clock() + SITE_CACHE_MS })
    return site
  }

  return {
    /** @throws SiteNotFoundError */
    async get(id: string): Promise<SiteConfig> {
      const hit = cache.get(id)
      if (hit && hit.until > clock()) return hit.site
      return remember(await repository.get(id))
    },

    /**
     * @throws ValidationError for an invalid config
     * @throws SiteExistsError
     */
    async create(input: unknown): Promise<SiteConfig> {
      const site = await parseSiteConfig(input)
      await repository.create(site)
      return remember(site)
    },

    /**
     * Replaces a site's whole config (defaults fill what the input leaves out).
     * @throws ValidationError for an invalid config or an `id` that is not the site's
     * @throws SiteNotFoundError
     */
    async replace(id: string, input: unknown): Promise<SiteConfig> {
      const withId = input && typeof input === 'object' && !('id' in input) ? { ...input, id } : input
      const site = await parseSiteConfig(withId)
      if (site.id !== id) throw invalidField('#/id', `must be ${id}, the site in the path`)
      await repository.replace(site)
      return remember(site)
    },

    list: () => repository.list(),
  }
}

export type SiteDirectory = ReturnType<typeof createSiteDirectory>
