/** `--map-origin old=new`: pages whose URL starts with `old` move to `new` (the blog moved). */
export interface OriginMapping {
  from: string
  to: string
}

const trimSlash = (url: string) => url.replace(/\/+$/, '')

/**
 * Parses `old=new`, both absolute http(s) URLs (an origin, or an origin with a path prefix).
 * @throws Error with a message for the user when either side is not such a URL
 */
export function parseOriginMapping(value: string): OriginMapping {
  const at = value.indexOf('=')
  const from = absoluteUrl(value.slice(0, at))
  const to = absoluteUrl(value.slice(at + 1))
  if (at < 0 || !from || !to) {
    throw new Error(`--map-origin ${value}: expected old=new, e.g. http://old.example=https://new.example`)
  }
  return { from: trimSlash(from.href), to: trimSlash(to.href) }
}

function absoluteUrl(value: string): URL | undefined {
  const url = URL.parse(value.trim())
  return url && (url.protocol === 'http:' || url.protocol === 'https:') ? url : undefined
}

/**
 * The page URL an export's link names, with the first matching mapping applied; `undefined` when the
 * link is not an absolute http(s) URL. A prefix matches only whole path segments or the whole origin.
 */
export function pageUrl(link: string, mappings: readonly OriginMapping[]): string | undefined {
  const url = absoluteUrl(link)
  if (!url) return undefined
  const href = url.href
  for (const { from, to } of mappings) {
    const rest = href.slice(from.length)
    if (href.startsWith(from) && (rest === '' || /^[/?#]/.test(rest))) return to + rest
  }
  return href
}
