import type { Clock } from '../clock.js'
import { invalidField, SiteExistsError, UnavailableError } from '../errors.js'
import { parseInput } from '../validation.js'
import { type SiteConfig, SiteConfigSchema } from './site-schema.js'
import type { SitesRepository } from './sites-repository.js'

/** What a save does beyond the config's own checks (the webhooks': URLs resolved, secrets made). */
export interface SiteSaving {
  /** @throws ValidationError */
  prepare(
    site: SiteConfig,
    previous: SiteConfig | null,
  ): Promise<{ site: SiteConfig; writes: Parameters<SitesRepository['create']>[1]; answer: SiteConfig }>
}

const plainSaving: SiteSaving = { prepare: async (site) => ({ site, writes: [], answer: site }) }

/** How often a save is tried again when a racing save created the same webhook first. */
const SAVE_ATTEMPTS = 3

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
export function createSiteDirectory(
  repository: SitesRepository,
  clock: Clock,
  saving: SiteSaving = plainSaving,
) {
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
      const parsed = await parseSiteConfig(input)
      const { site, writes, answer } = await saving.prepare(parsed, null)
      // A racing create of the same site wins the secrets' conditions too: this one is site-exists.
      if (!(await repository.create(site, writes))) throw new SiteExistsError(site.id)
      remember(site)
      return answer
    },

    /**
     * Replaces a site's whole config (defaults fill what the input leaves out). Answers the config
     * saved, with the secret of each webhook it created (see `SiteSaving`); reads never show one.
     * @throws ValidationError for an invalid config or an `id` that is not the site's
     * @throws SiteNotFoundError
     */
    async replace(id: string, input: unknown): Promise<SiteConfig> {
      const withId = input && typeof input === 'object' && !('id' in input) ? { ...input, id } : input
      const parsed = await parseSiteConfig(withId)
      if (parsed.id !== id) throw invalidField('#/id', `must be ${id}, the site in the path`)
      for (let attempt = 1; ; attempt++) {
        const { site, writes, answer } = await saving.prepare(parsed, await repository.get(id))
        if (await repository.replace(site, writes)) {
          remember(site)
          return answer
        }
        // Another save created one of these webhooks (and answered its secret) meanwhile.
        if (attempt === SAVE_ATTEMPTS) throw new UnavailableError()
      }
    },

    list: () => repository.list(),
  }
}

export type SiteDirectory = ReturnType<typeof createSiteDirectory>
