import { sha256 } from '../crypto/mac.js'
import { invalidField, PageNotOnSiteError } from '../errors.js'
import type { SiteConfig } from '../sites/site-schema.js'

/** A page of a site: its normalised URL and the key its comments are stored under. */
export interface PageRef {
  url: string
  /** Stable and bounded in size: the blog's `pageId` when given, else the normalised URL, hashed. */
  key: string
}

/**
 * Normalises a page URL as the contract says: fragment dropped, scheme and host lower-cased,
 * default port dropped, query dropped but for the site's `pageQueryParams`, trailing slash ignored.
 * @throws ValidationError when `url` is not an absolute http(s) URL
 */
export function normalisePageUrl(url: string, keptParams: readonly string[], pointer = '#/page'): URL {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw invalidField(pointer, 'must be an absolute URL')
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw invalidField(pointer, 'must be an http or https URL')
  }
  const kept = new URLSearchParams()
  for (const name of keptParams)
    for (const value of parsed.searchParams.getAll(name)) kept.append(name, value)
  parsed.search = kept.toString()
  parsed.hash = ''
  parsed.username = ''
  parsed.password = ''
  parsed.pathname = parsed.pathname.replace(/\/+$/, '')
  return parsed
}

/**
 * The page a request is about, checked to belong to the site.
 * @throws ValidationError for a URL that is not absolute http(s)
 * @throws PageNotOnSiteError when the URL's origin is not one of the site's origins
 */
export function resolvePage(site: SiteConfig, url: string, pageId?: string, pointer = '#/page'): PageRef {
  const normalised = normalisePageUrl(url, site.pageQueryParams, pointer)
  if (!site.origins.includes(normalised.origin)) throw new PageNotOnSiteError(normalised.origin)
  const href = normalised.href.replace(/\/$/, '')
  return { url: href, key: sha256(pageId === undefined ? `url:${href}` : `id:${pageId}`) }
}
