import type { Comment, ListCommentsResponse } from '../../../shared/contracts/index.js'

export type Sort = 'oldest' | 'newest' | 'top'

/** A server-rendered fragment read back: the list's answer it was rendered from (no formToken). */
export type Fragment = Omit<ListCommentsResponse, 'formToken'> & { sort: Sort }

const text = (el: Element | null | undefined) => el?.textContent ?? ''

const depthOf = (li: Element) => {
  let depth = 0
  for (let el = li.parentElement?.closest('li.c'); el; el = el.parentElement?.closest('li.c')) depth++
  return depth
}

/** One `li.c` of the fragment as the comment it shows (the markup of render-comments-fragment.ts). */
function readComment(li: HTMLElement): Comment {
  const article = li.querySelector(':scope > article')
  const parent = li.parentElement?.closest<HTMLElement>('li.c')
  const nm = article?.querySelector('.nm')
  const meta = (prop: string) => article?.querySelector<HTMLMetaElement>(`meta[itemprop=${prop}]`)?.content
  const pinned = li.classList.contains('pin')
  // Badges are words of the site's language: the one that is not "pinned" says "moderator".
  const badges = article?.querySelectorAll('.mt > .bg').length ?? 0
  return {
    id: li.dataset.id ?? '',
    parentId: parent?.dataset.id ?? null,
    depth: depthOf(li),
    author: nm
      ? {
          name: text(nm.querySelector('[itemprop=name]')),
          website: nm instanceof HTMLAnchorElement ? nm.href : null,
          avatar: null,
          provider: '',
          verified: false,
          moderator: badges > (pinned ? 1 : 0),
        }
      : null,
    html: article?.querySelector('.tx')?.innerHTML ?? '',
    createdAt: article?.querySelector('time')?.dateTime ?? '',
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
