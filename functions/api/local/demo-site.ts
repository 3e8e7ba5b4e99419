import { SiteNotFoundError } from '../../../shared/errors.js'
import type { SiteDirectory } from '../../../shared/sites/site-directory.js'

export const DEMO_SITE_ID = 'demo'

/** Where the demo site's moderator mail goes: SMTP_URL's server, or DATA_DIR/outbox as .eml files. */
export const DEMO_MODERATOR = 'moderator@parley.localhost'

/**
 * Site `demo` for this port's origins: created on first start (with a moderator address, so a held
 * comment shows what its mail looks like), its origins kept up to date with PORT.
 */
export async function ensureDemoSite(sites: SiteDirectory, port: number): Promise<void> {
  const origins = [`http://localhost:${port}`, `http://127.0.0.1:${port}`]
  try {
    const site = await sites.get(DEMO_SITE_ID)
    if (origins.every((o) => site.origins.includes(o))) return
    await sites.replace(DEMO_SITE_ID, {
      ...site,
      origins: [...new Set([...site.origins, ...origins])].slice(-20),
    })
  } catch (err) {
    if (!(err instanceof SiteNotFoundError)) throw err
    await sites.create({
      id: DEMO_SITE_ID,
      name: 'Parley demo blog',
      origins,
      notifications: { moderatorEmails: [DEMO_MODERATOR] },
    })
  }
}
