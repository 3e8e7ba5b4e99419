import type { Comment } from '../contracts/index.js'

/** The page a fragment or feed describes: its normalised URL and its published comments' count. */
export interface ThreadPage {
  url: string
  commentCount: number
}

/** A comment's permalink: the page with the fragment's article id as its fragment identifier. */
export const commentPermalink = (pageUrl: string, id: string) => `${pageUrl}#c-${id}`

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

/**
 * The text of the safe HTML the API renders (shared/markdown): its tags dropped, blocks apart,
 * entities decoded. That HTML is micromark's, so tags never hold a bare `>` and text encodes `&<>"`.
 */
export function textOfHtml(html: string): string {
  return html
    .replace(/<br\s*\/?>|<\/(?:p|li|h[1-6]|pre|blockquote)>/g, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (entity, name: string) => {
      if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? entity
      const code =
        name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1))
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity
    })
    .replace(/\n{2,}/g, '\n')
    .trim()
}

/** schema.org data of one comment and its replies, as the fragment's ld+json carries it. */
type CommentData = Record<string, unknown>

/**
 * The thread as schema.org data: the page a `WebPage` (`url`, `commentCount`), its published
 * comments its `comment`s, each reply under its parent. A tombstone is not a comment any more:
 * its replies hang on its nearest published ancestor (or on the page), where readers see them.
 * Comments come in thread order, a parent before its replies (the list's contract).
 */
export function describeThread(page: ThreadPage, comments: readonly Comment[]): Record<string, unknown> {
  const top: CommentData[] = []
  // Where each comment's replies go: its own `comment` list, or, for a tombstone, its holder's.
  const holders = new Map<string, CommentData[]>()
  for (const c of comments) {
    const holder = (c.parentId !== null && holders.get(c.parentId)) || top
    if (c.deleted || !c.author) {
      holders.set(c.id, holder)
      continue
    }
    const replies: CommentData[] = []
    holders.set(c.id, replies)
    const url = commentPermalink(page.url, c.id)
    const data: CommentData = {
      '@type': 'Comment',
      '@id': url,
      url,
      author: {
        '@type': 'Person',
        name: c.author.name,
        ...(c.author.website !== null && isWebUrl(c.author.website) && { url: c.author.website }),
      },
      datePublished: c.createdAt,
      ...(c.editedAt !== null && { dateModified: c.editedAt }),
      text: textOfHtml(c.html),
      ...(c.reactions.like > 0 && { upvoteCount: c.reactions.like }),
      comment: replies,
    }
    holder.push(data)
  }
  return {
    '@context': 'https://schema.org',
    '@type': 'WebPage',
    '@id': page.url,
    url: page.url,
    commentCount: page.commentCount,
    comment: top,
  }
}

/** An author's website as a link: only http(s), as the widget shows it. */
export function isWebUrl(value: string): boolean {
  try {
    return /^https?:$/.test(new URL(value).protocol)
  } catch {
    return false
  }
}

/**
 * JSON fit for the text of a `<script>` element: `<`, `>` and `&` as `\u003c`…, so no `</script>`
 * or `<!--` can end or bend it, and U+2028/U+2029 escaped for older JavaScript parsers.
 */
export const scriptJson = (value: unknown) =>
  JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
