import type { Comment, CommentAuthor } from '../../../shared/contracts/index.js'
import { h, uid } from './dom.js'
import type { Translate } from './i18n.js'
import { exactTime, relativeTime } from './time.js'
import { Word } from './word.js'

/** What rendering a comment needs from the widget. */
export interface View {
  t: Translate
  lang: string
  /** `t` with the singular (`count1`) or plural (`count`) of a key, by `lang`'s rules. */
  plural_(word: Word.count | Word.replies | Word.likes, n: number): string
  /** Show provider pictures (a request to the provider's host) instead of initials. */
  pictures_: boolean
  /** Whether this reader may still edit and delete the comment. */
  canChange_(comment: Comment): boolean
  /** Whether this reader liked the comment, or `undefined` for a guest (who may not like). */
  liked_(comment: Comment): boolean | undefined
  /** Likes or unlikes; `show` puts a new count on the comment and returns its words. */
  like_(comment: Comment, button: HTMLButtonElement, show: (likes: number) => string): void
  reply_(comment: Comment, button: HTMLButtonElement): void
  edit_(comment: Comment, button: HTMLButtonElement): void
  remove_(comment: Comment, button: HTMLButtonElement): void
}

const isWebUrl = (value: string) => {
  try {
    return /^https?:$/.test(new URL(value).protocol)
  } catch {
    return false
  }
}

/** Initials on a colour picked from the name (white text at ≥ 4.5:1 on every hue), or the picture. */
function avatar(author: CommentAuthor | null, pictures: boolean): HTMLElement {
  if (pictures && author?.avatar && /^https:\/\//.test(author.avatar)) {
    return h('img', {
      class: 'av',
      src: author.avatar,
      alt: '',
      loading: 'lazy',
      referrerpolicy: 'no-referrer',
    })
  }
  const name = author?.name ?? ''
  const initials = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => Array.from(word)[0])
    .join('')
    .toUpperCase()
  const el = h('span', { class: 'av', 'aria-hidden': 'true' }, initials)
  let hue = 0
  for (const ch of name) hue = (hue * 31 + (ch.codePointAt(0) ?? 0)) % 360
  // CSSOM, not a style attribute: a blog's CSP without 'unsafe-inline' allows it.
  el.style.background = author ? `hsl(${hue} 45% 32%)` : 'transparent'
  return el
}

/** One comment as `<li>`: its article (avatar, meta line, text, actions); replies go in a nested `<ol>`. */
export function renderComment(c: Comment, view: View, pending = false): HTMLLIElement {
  return h(
    'li',
    { class: c.pinned && !c.parentId ? 'c pin' : 'c', 'data-id': c.id },
    renderArticle(c, view, pending),
  )
}

export function renderArticle(c: Comment, view: View, pending = false): HTMLElement {
  const { t, lang } = view
  if (c.deleted || !c.author) {
    return h(
      'article',
      { class: 'cm' },
      avatar(null, false),
      h('div', { class: 'bd' }, h('p', { class: 'gone' }, t(Word.deleted))),
    )
  }
  const { name, website, moderator } = c.author
  const nameId = uid('n')
  const author =
    website && isWebUrl(website)
      ? h('a', { class: 'nm', id: nameId, href: website, rel: 'nofollow ugc noopener' }, name)
      : h('span', { class: 'nm', id: nameId }, name)
  const time = h(
    'time',
    { datetime: c.createdAt, title: exactTime(c.createdAt, lang) },
    relativeTime(c.createdAt, lang),
  )
  const text = h('div', { class: 'tx' })
  text.innerHTML = c.html // rendered and sanitised by the API (contract section 3)
  const action = (label: string, run: (c: Comment, b: HTMLButtonElement) => void) => {
    const button = h('button', { type: 'button', class: 'lk', 'aria-describedby': nameId }, label)
    button.addEventListener('click', () => run(c, button))
    return button
  }
  const mine = view.canChange_(c)
  const count = h('span', { class: 'lc' })
  const show = (likes: number) => {
    count.hidden = !likes
    count.textContent = view.plural_(Word.likes, likes)
    return count.textContent
  }
  show(c.reactions?.like ?? 0)
  const liked = pending ? undefined : view.liked_(c)
  const like = liked !== undefined && action(t(Word.like), (c, button) => view.like_(c, button, show))
  if (like) like.setAttribute('aria-pressed', String(liked))
  return h(
    'article',
    { class: pending ? 'cm pend' : 'cm', 'aria-labelledby': nameId },
    avatar(c.author, view.pictures_),
    h(
      'div',
      { class: 'bd' },
      h(
        'div',
        { class: 'mt' },
        author,
        moderator && h('span', { class: 'bg' }, t(Word.moderator)),
        c.pinned && h('span', { class: 'bg' }, t(Word.pinned)),
        pending && h('span', { class: 'bg' }, t(Word.awaiting)),
        time,
        c.editedAt && h('span', null, t(Word.edited)),
      ),
      text,
      h(
        'div',
        { class: 'ac' },
        like,
        count,
        !pending && action(t(Word.reply), view.reply_),
        mine && action(t(Word.edit), view.edit_),
        mine && action(t(Word.del), view.remove_),
      ),
    ),
  )
}
