import { invalidField } from '../errors.js'
import type { SiteConfig } from '../sites/site-schema.js'

/**
 * Checks a body against the site's `limits.maxLength` in characters (code points), not bytes or
 * UTF-16 units: an emoji counts as one, as readers count.
 * @throws ValidationError
 */
export function checkBodyLength(body: string, site: SiteConfig): void {
  let length = 0
  for (const _ of body) length++
  if (length > site.limits.maxLength) {
    throw invalidField('#/body', `must be at most ${site.limits.maxLength} characters`)
  }
}
