import type { Comment, ListCommentsResponse } from '../../../shared/contracts/index.js'

export type Sort = 'oldest' | 'newest' | 'top'

/** A server-rendered fragment read back: the list's answer it was rendered from (no formToken). */
export type Fragment = Omit<ListCommentsResponse, 'formToken'> & { sort: Sort }

/** The `li.c` a comment's `li.c` is a reply in, if any. */
const parentOf = (li: Element) => li.parentElement?.closest<HTMLElement>('li.c')

/** One `li.c` of the fragment as the comment it shows (the markup of render-comments-fragment.ts). */
function readComment(li: HTMLElement): Comment {
  const $ = (selector: string) => li.querySelector(`:scope > article ${selector}`)
  const meta = (prop: string) => ($(`meta[itemprop=${prop}]`) as HTMLMetaElement | null)?.content
  const nm = $('.nm')
  const pinned = li.classList.contains('pin')
  let depth = 0
  for (let up = parentOf(li); up; up = parentOf(up)) depth++
  return {
    id: li.dataset.id ?? '',
    parentId: parentOf(li)?.dataset.id ?? null,
    depth,
    author: nm && {
      name: nm.querySelector('[itemprop=name]')?.textContent ?? '',
      website: nm instanceof HTMLAnchorElement ? nm.href : null,
      avatar: null,
      provider: '',
      verified: false,
      // Badges are words of the site's language: one that is not "pinned" says "moderator".
      moderator: li.querySelectorAll(':scope > article .bg').length > +pinned,
    },
    html: $('.tx')?.innerHTML ?? '',
    createdAt: ($('time') as HTMLTimeElement | null)?.dateTime ?? '',
    editedAt: meta('dateModified') ?? null,
    deleted: !nm,
    pinned,
    reactions: { like: Number(meta('upvoteCount') ?? 0) },
  }
}

/**
 * The fragment `npx parley snapshot` (or `comments.html`) put in the container for `site`, read
 * back as the list's first page, in thread order; `undefined` when there is none (or another site's).
 */
export function readFragment(host: HTMLElement, site: string): Fragment | undefined {
  const root = host.querySelector<HTMLElement>('[data-parley-ssr]')
  if (root?.dataset.site !== site) return undefined
  const { page = '', count, cursor, sort } = root.dataset
  return {
    page: { url: page, commentCount: Number(count) || 0 },
    comments: Array.from(root.querySelectorAll<HTMLElement>('li.c[data-id]'), readComment),
    nextCursor: cursor ?? null,
    sort: sort === 'newest' || sort === 'top' ? sort : 'oldest',
  }
}
