/** Akismet's verdict on a comment, or `unavailable` when it could not be asked. */
export type AkismetVerdict = 'spam' | 'ham' | 'unavailable'

export interface AkismetComment {
  blog: string
  permalink: string
  ip: string
  userAgent: string
  author: string
  email: string | null
  website: string | null
  body: string
  createdAt: number
}

const TIMEOUT_MS = 2_000

/** The real endpoint for a key; tests pass their own Akismet on loopback. */
export const akismetEndpoint = (key: string) =>
  `https://${encodeURIComponent(key)}.rest.akismet.com/1.1/comment-check`

/**
 * Asks Akismet's `comment-check` with its documented fields. Akismet down, slow or confused is
 * `unavailable`: the caller then holds the comment as pending, it is never lost.
 */
export function createAkismet(endpoint: (key: string) => string = akismetEndpoint) {
  return async function checkWithAkismet(key: string, c: AkismetComment): Promise<AkismetVerdict> {
    const form = new URLSearchParams({
      blog: c.blog,
      user_ip: c.ip,
      user_agent: c.userAgent,
      permalink: c.permalink,
      comment_type: 'comment',
      comment_author: c.author,
      comment_content: c.body,
      comment_date_gmt: new Date(c.createdAt).toISOString(),
      blog_charset: 'UTF-8',
    })
    if (c.email) form.set('comment_author_email', c.email)
    if (c.website) form.set('comment_author_url', c.website)
    try {
      const res = await fetch(endpoint(key), {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: form,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      })
      const text = (await res.text()).trim()
      if (res.ok && text === 'true') return 'spam'
      if (res.ok && text === 'false') return 'ham'
      return 'unavailable'
    } catch {
      return 'unavailable'
    }
  }
}

export type CheckWithAkismet = ReturnType<typeof createAkismet>
