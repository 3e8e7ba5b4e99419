import type { SiteConfig } from '../sites/site-schema.js'

/** Is this identity one of the site's moderators? Matched on provider id and subject, never e-mail. */
export const isModerator = (site: SiteConfig, providerId: string, subject: string) =>
  site.moderators.some((m) => m.provider === providerId && m.subject === subject)
