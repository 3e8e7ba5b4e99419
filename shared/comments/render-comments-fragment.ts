import type { Comment } from '../contracts/index.js'
import { escapeHtml as esc } from '../mail/mail-layout.js'
import { commentPermalink, describeThread, isWebUrl, scriptJson, type ThreadPage } from './describe-thread.js'

/** The widget's words the fragment shows (`functions/embed/src/words.ts`, one language). */
export interface FragmentWords {
  count1: string
  count: string
  empty: string
  deleted: string
  edited: string
  pinned: string
  moderator: string
  likes1: string
  likes: string
}

/** What the fragment is of: the list's answer, and what the widget continues from. */
export interface FragmentInput {
  page: ThreadPage
  comments: readonly Comment[]
  nextCursor: string | null
  siteId: string
  pageId: string | undefined
  sort: 'oldest' | 'newest' | 'top'
  lang: string
  words: FragmentWords
}

const COMMENT = 'itemscope itemtype="https://schema.org/Comment"'
const PERSON = 'itemprop="author" itemscope itemtype="https://schema.org/Person"'

const plural = (input: FragmentInput, key: 'count' | 'likes', n: number) =>
  input.words[new Intl.PluralRules(input.lang).select(n) === 'one' ? (`${key}1` as const) : key].replace(
    '#',
    String(n),
  )

const dates = (lang: string) => ({
  shown: new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }),
  exact: new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }),
})

function article(c: Comment, input: FragmentInput, format: ReturnType<typeof dates>): string {
  const { words } = input
  if (c.deleted || !c.author)
    return `<article class="cm"><span class="av" aria-hidden="true"></span><div class="bd"><p class="gone">${esc(words.deleted)}</p></div></article>`
  const { name, website, moderator } = c.author
  const nameId = `n-${esc(c.id)}`
  const nameText = `<span itemprop="name">${esc(name)}</span>`
  const author =
    website && isWebUrl(website)
      ? `<a class="nm" id="${nameId}" href="${esc(website)}" rel="nofollow ugc noopener" ${PERSON}>${nameText}<link itemprop="url" href="${esc(website)}"></a>`
      : `<span class="nm" id="${nameId}" ${PERSON}>${nameText}</span>`
  const created = new Date(c.createdAt)
  const likes = c.reactions.like
  const meta = [
    author,
    moderator ? `<span class="bg">${esc(words.moderator)}</span>` : '',
    c.pinned ? `<span class="bg">${esc(words.pinned)}</span>` : '',
    `<time datetime="${esc(c.createdAt)}" title="${esc(format.exact.format(created))}" itemprop="datePublished">${esc(format.shown.format(created))}</time>`,
    c.editedAt
      ? `<span>${esc(words.edited)}</span><meta itemprop="dateModified" content="${esc(c.editedAt)}">`
      : '',
  ].join('')
  const count = likes
    ? `<span class="lc">${esc(plural(input, 'likes', likes))}</span><meta itemprop="upvoteCount" content="${likes}">`
    : '<span class="lc" hidden></span>'
  return `<article class="cm" id="c-${esc(c.id)}" aria-labelledby="${nameId}" ${COMMENT}><link itemprop="url" href="${esc(commentPermalink(input.page.url, c.id))}"><span class="av" aria-hidden="true"></span><div class="bd"><div class="mt">${meta}</div><div class="tx" itemprop="text">${c.html}</div><div class="ac">${count}</div></div></article>`
}

/**
 * A page's published comments as HTML, for the page itself (a static site's build, a crawler, a
 * reader without JavaScript) and for the widget to adopt without rendering them again.
 *
 * The markup contract (what the widget adopts; change it only with a commit saying so):
 * ```html
 * <section class="p" data-parley-ssr="1" lang="en" aria-labelledby="parley-heading"
 *   data-site="SITE" data-page="PAGE URL" [data-page-id="ID"] data-sort="oldest|newest|top"
 *   data-count="N" [data-cursor="NEXT CURSOR, as the JSON list's nextCursor"]>
 *   <div class="hd"><h2 id="parley-heading">N comments</h2></div>
 *   <p class="note" [hidden]>No comments yet.</p>          (hidden unless the list is empty)
 *   <ol class="list">
 *     <li class="c[ pin]" data-id="ID">                      (pin: a pinned top-level comment)
 *       <article class="cm" id="c-ID" aria-labelledby="n-ID" itemscope itemtype="https://schema.org/Comment">
 *         <link itemprop="url" href="PAGE#c-ID">
 *         <span class="av" aria-hidden="true"></span>  (empty: initials and colour are the widget's to paint)
 *         <div class="bd">
 *           <div class="mt">
 *             <span class="nm" id="n-ID" itemprop="author" itemscope itemtype="https://schema.org/Person">
 *               <span itemprop="name">NAME</span></span>
 *             (or <a class="nm" id="n-ID" href="WEBSITE" rel="nofollow ugc noopener" …Person>
 *               <span itemprop="name">NAME</span><link itemprop="url" href="WEBSITE"></a>)
 *             [<span class="bg">Moderator</span>] [<span class="bg">Pinned</span>]
 *             <time datetime="ISO" title="EXACT DATE" itemprop="datePublished">DATE</time>
 *             [<span>edited</span><meta itemprop="dateModified" content="ISO">]
 *           </div>
 *           <div class="tx" itemprop="text">SAFE HTML</div>
 *           <div class="ac"><span class="lc">N likes</span><meta itemprop="upvoteCount" content="N"></div>
 *             (no likes: <div class="ac"><span class="lc" hidden></span></div>; the widget adds its buttons)
 *         </div>
 *       </article>
 *       [<ol class="rp"> replies, each an li.c as above </ol>]
 *     </li>
 *   </ol>
 *   <script type="application/ld+json">{ WebPage with its Comments: describe-thread.ts }</script>
 * </section>
 * ```
 * A deleted comment with published replies keeps its place as
 * `<li class="c" data-id="ID"><article class="cm"><span class="av" aria-hidden="true"></span><div class="bd"><p class="gone">…</p></div></article>…`
 * (no author, no itemscope). Every reply is shown (no folding without script); dates are the
 * site's language, UTC. Nothing else: no e-mail, IP hash, edit or form token, no event handler.
 */
export function renderCommentsFragment(input: FragmentInput): string {
  const format = dates(input.lang)
  const items = new Map<string, { html: string; replies: string[] }>()
  const top: string[] = []
  for (const c of input.comments) {
    const entry = { html: article(c, input, format), replies: [] as string[] }
    items.set(c.id, entry)
    ;((c.parentId !== null && items.get(c.parentId)?.replies) || top).push(c.id)
  }
  const byId = new Map(input.comments.map((c) => [c.id, c]))
  const li = (id: string): string => {
    const entry = items.get(id)
    const c = byId.get(id)
    if (!entry || !c) return ''
    const replies = entry.replies.length ? `<ol class="rp">${entry.replies.map(li).join('')}</ol>` : ''
    return `<li class="${c.pinned && !c.parentId ? 'c pin' : 'c'}" data-id="${esc(id)}">${entry.html}${replies}</li>`
  }
  const { page, words } = input
  const data = [
    'data-parley-ssr="1"',
    `lang="${esc(input.lang)}"`,
    'aria-labelledby="parley-heading"',
    `data-site="${esc(input.siteId)}"`,
    `data-page="${esc(page.url)}"`,
    input.pageId === undefined ? '' : `data-page-id="${esc(input.pageId)}"`,
    `data-sort="${input.sort}"`,
    `data-count="${page.commentCount}"`,
    input.nextCursor === null ? '' : `data-cursor="${esc(input.nextCursor)}"`,
  ]
    .filter(Boolean)
    .join(' ')
  const empty = input.comments.length === 0
  return `<section class="p" ${data}><div class="hd"><h2 id="parley-heading">${esc(plural(input, 'count', page.commentCount))}</h2></div><p class="note"${empty ? '' : ' hidden'}>${esc(words.empty)}</p><ol class="list">${top.map(li).join('')}</ol><script type="application/ld+json">${scriptJson(describeThread(page, input.comments))}</script></section>\n`
}
