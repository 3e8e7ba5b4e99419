import type { Comment, ListCommentsResponse, PostCommentResponse } from '../../../shared/contracts/index.js'
import { ApiError, createCall, type ProvidersResponse, type SessionUser, type TokenResponse } from './api.js'
import { type ChangeHost, confirmDelete, startEdit } from './change.js'
import { renderArticle, renderComment, type View } from './comment-view.js'
import { type Composer, type ComposerHost, createComposer } from './composer.js'
import { focusOn, h, uid } from './dom.js'
import { createFeedbackBox } from './feedback-box.js'
import { readFragment, type Sort } from './fragment.js'
import { pluralizer, translator } from './i18n.js'
import { type LikeHost, toggleLike } from './like.js'
import { createStorage, type Session, tokenExpiry } from './storage.js'
import { collapseThreads, placeTopLevel, repliesOf } from './thread.js'
import { Word } from './word.js'
import type { WordList } from './words.js'

export interface WidgetOptions {
  /** The API's origin, where embed.js came from. */
  api: string
  site: string
  pageUrl: string
  pageId: string | undefined
  theme: string
  lang: string
  /** The words of `lang` (i18n.ts `loadWords`). */
  words: WordList
  pictures: boolean
  /** Show "Was this page helpful?" (`data-feedback="on"`). */
  feedback: boolean
}

/** Own comments can be changed for this long (the API's default window; the API has the last word). */
const EDIT_WINDOW_MS = 15 * 60_000
/** Start loading when the container is this close to the viewport. */
const LAZY_MARGIN = '800px 0px'
/** Each order's name on its button. */
const SORT_WORDS = { oldest: Word.oldest, newest: Word.newest, top: Word.top } as const

/** The stylesheet, named once: the build pastes PARLEY_CSS in full wherever it appears. */
const css = PARLEY_CSS

/** The comment section in `host`'s shadow root. Nothing is requested until it nears the viewport. */
export function createWidget(host: HTMLElement, options: WidgetOptions) {
  const o = { ...options }
  const t = translator(o.words)
  const plural = pluralizer(t, o.lang)
  const base = `${o.api}/v1/sites/${encodeURIComponent(o.site)}`
  const rawCall = createCall(base, { offline: t(Word.offline), failed: (status) => t(Word.failed, status) })
  let aborter = new AbortController()
  const call: typeof rawCall = (path, init = {}) => rawCall(path, { signal: aborter.signal, ...init })
  const storage = createStorage(o.site)

  // Comments the blog included server-rendered: adopted instead of asking for the list.
  const fragment = readFragment(host, o.site)
  let sort: Sort = fragment?.sort ?? 'oldest'
  let cursor: string | null = null
  let formToken: string | undefined
  let count = 0
  let known: ProvidersResponse | undefined
  let replying: { composer_: Composer; close_(): void } | undefined
  const nodes = new Map<string, { c_: Comment; li_: HTMLLIElement; published_: boolean }>()
  const expanded = new Set<string>()
  const composers = new Set<Composer>()

  const say = (message: string) => {
    status.textContent = ''
    // A fresh text node each time, so the same message is announced again.
    requestAnimationFrame(() => {
      status.textContent = message
    })
  }
  const dispatch = (type: string, detail: unknown) =>
    host.dispatchEvent(new CustomEvent(type, { bubbles: true, detail }))
  const session = () => storage.session_()
  const setSession = (next: Session | undefined) => {
    storage.setSession_(next)
    for (const composer of composers) composer.sync_()
    // Like buttons come and go with the session.
    for (const node of nodes.values()) refresh(node)
  }
  /** Renders a comment's article again, from `node.c_`. */
  const refresh = (node: { c_: Comment; li_: HTMLLIElement; published_: boolean }) => {
    const article = renderArticle(node.c_, view, !node.published_)
    node.li_.querySelector(':scope > article')?.replaceWith(article)
    return article
  }
  const mine = (id: string) => storage.mine_()[id]

  const view: View = {
    t,
    lang: o.lang,
    plural_: plural,
    pictures_: o.pictures,
    canChange_: (c) => {
      const m = mine(c.id)
      return Boolean(m && Date.now() - m.at < EDIT_WINDOW_MS && (m.t || session()))
    },
    liked_: (c) => {
      const s = session()
      return s && Boolean(s.liked?.[c.id])
    },
    like_: (c, button, show) => void toggleLike(likes, c, button, show),
    reply_: (c, button) => openReply(c, button),
    edit_: (c, button) => startEdit(changes, c, button),
    remove_: (c, button) => confirmDelete(changes, c, button),
  }

  const changes: ChangeHost = {
    t,
    call_: call,
    proof_: (id): Record<string, string> => {
      const token = mine(id)?.t
      const s = session()
      return token ? { 'X-Edit-Token': token } : s ? { Authorization: `Bearer ${s.token}` } : {}
    },
    source: (id) => mine(id)?.b,
    edited_: (comment, body) => {
      const node = nodes.get(comment.id)
      const m = mine(comment.id)
      if (m) storage.setMine_(comment.id, { ...m, b: body })
      if (!node) return
      node.c_ = comment
      focusOn(refresh(node))
      say(t(Word.saved))
    },
    deleted: (comment) => {
      const node = nodes.get(comment.id)
      storage.setMine_(comment.id, undefined)
      if (!node) return
      if (node.published_) count--
      if (node.li_.querySelector('li.c')) {
        node.li_
          .querySelector(':scope > article')
          ?.replaceWith(renderArticle({ ...comment, deleted: true, author: null, html: '' }, view))
      } else {
        node.li_.remove()
        nodes.delete(comment.id)
      }
      showCount()
      focusOn(heading)
      say(t(Word.removed))
    },
  }

  const likes: LikeHost = {
    call_: call,
    session_: session,
    keep_: storage.setSession_,
    expired_: () => setSession(undefined),
    say_: say,
  }

  const composerHost: ComposerHost = {
    t,
    session_: session,
    providers_: () => known,
    guest_: storage.guest_,
    signIn_: (providerId) => {
      const url = `${base}/auth/${encodeURIComponent(providerId)}/start?origin=${encodeURIComponent(location.origin)}`
      if (!window.open(url, 'parley-sign-in', 'popup,width=480,height=640')) say(t(Word.blocked))
    },
    signOut_: () => {
      setSession(undefined)
      say(t(Word.signedOut))
      main.focus()
    },
    post_: (draft, key, parent) => post(draft, key, parent),
  }

  let shadow = host.shadowRoot
  const headingId = uid('p')
  const heading = h('h2', { id: headingId, tabindex: -1 }, t(Word.comments))
  const status = h('div', { class: 'sr', role: 'status' })
  const sortButton = (value: typeof sort) =>
    h(
      'button',
      { type: 'button', class: 'tg', 'aria-pressed': String(sort === value), onclick: () => setSort(value) },
      t(SORT_WORDS[value]),
    )
  const sortGroup = h(
    'div',
    { role: 'group', 'aria-label': t(Word.sort) },
    sortButton('oldest'),
    sortButton('newest'),
    sortButton('top'),
  )
  const list = h('ol', { class: 'list' })
  const note = h('p', { class: 'note' }, t(Word.loading))
  const retry = h(
    'button',
    { type: 'button', class: 'sec', hidden: true, onclick: () => void load() },
    t(Word.retry),
  )
  const more = h(
    'button',
    { type: 'button', class: 'sec', hidden: true, onclick: () => void loadMore() },
    t(Word.more),
  )
  /** The page as the API's bodies name it; votes are kept by its id, else its URL. */
  const pageRef = () => ({ page: o.pageUrl, ...(o.pageId && { pageId: o.pageId }) })
  const pageKey = () => o.pageId ?? o.pageUrl
  const feedback = o.feedback
    ? createFeedbackBox({
        t,
        call_: call,
        page_: pageRef,
        visitor_: storage.visitor_,
        vote_: () => storage.votes_()[pageKey()],
        setVote_: (vote) => storage.setVote_(pageKey(), vote),
      })
    : undefined
  const main = createComposer(composerHost)
  composers.add(main)
  const content = h('div', { hidden: true }, main.form, h('div', { class: 'bar' }, sortGroup), list, more)
  const root = h(
    'section',
    { class: `p ${o.theme} ld`, lang: o.lang, 'aria-labelledby': headingId },
    feedback?.box_,
    h('div', { class: 'hd' }, heading),
    note,
    retry,
    content,
    status,
  )
  /** Shows the widget in place of what the container showed (a shadow root hides its children). */
  function mount() {
    const before = document.documentElement.scrollHeight
    shadow ??= host.attachShadow({ mode: 'open' })
    // A constructed sheet needs no 'unsafe-inline' in a blog's CSP; a <style> is the fallback.
    if ('adoptedStyleSheets' in shadow && 'replaceSync' in CSSStyleSheet.prototype) {
      const sheet = new CSSStyleSheet()
      sheet.replaceSync(css)
      shadow.adoptedStyleSheets = [sheet]
      shadow.replaceChildren(root)
    } else {
      shadow.replaceChildren(h('style', null, css), root)
    }
    // Never shorter than the fragment it replaces (margins included), so nothing after it moves up.
    const lost = before - document.documentElement.scrollHeight
    if (fragment && lost > 0) root.style.minHeight = `${root.offsetHeight + lost}px`
  }
  if (!fragment) {
    mount()
    // In view from the start (the reader followed a link to #comments): take the rest of the
    // screen at once and keep it, so the list arrives below the fold, not under the reader's eyes.
    const top = host.getBoundingClientRect().top
    if (top < innerHeight) root.style.minHeight = `${innerHeight - Math.max(0, top)}px`
  }

  function showCount() {
    heading.textContent = plural(Word.count, Math.max(0, count))
    note.textContent = t(Word.empty)
    note.hidden = nodes.size > 0
  }

  /** Adds comments in thread order: each reply under its parent, top-level ones at the end. */
  function add(batch: Comment[]): HTMLLIElement[] {
    const added: HTMLLIElement[] = []
    for (const c of batch) {
      if (nodes.has(c.id)) continue
      const li = renderComment(c, view)
      nodes.set(c.id, { c_: c, li_: li, published_: true })
      const parent = c.parentId ? nodes.get(c.parentId) : undefined
      if (parent) repliesOf(parent.li_).append(li)
      else placeTopLevel(list, li, false)
      added.push(li)
    }
    collapse()
    return added
  }
  const collapse = () =>
    collapseThreads(
      list,
      expanded,
      (n) => plural(Word.replies, n),
      (li) => focusOn(li.querySelector('article')),
    )

  const fetchPage = (after?: string) => {
    const query = new URLSearchParams({ page: o.pageUrl, sort })
    if (o.pageId) query.set('pageId', o.pageId)
    if (after) query.set('cursor', after)
    return call<ListCommentsResponse>(`/comments?${query}`)
  }

  /** The adopted fragment as the list's first page, with the sign-in options (one request). */
  const adopt = async (adopted: NonNullable<typeof fragment>) => {
    const options = await call<ProvidersResponse & { formToken?: string }>('/auth/providers').catch(
      () => undefined, // guests may still comment; the API will say if they may not
    )
    return { ...adopted, formToken: options?.formToken, signIn: options }
  }

  let first = true
  /** The first page of comments: the whole first render is this one request. */
  async function load(): Promise<void> {
    retry.hidden = true
    try {
      const data = first && fragment ? await adopt(fragment) : await fetchPage()
      formToken = data.formToken
      count = data.page.commentCount
      cursor = data.nextCursor
      nodes.clear()
      list.replaceChildren()
      add(data.comments)
      more.hidden = !cursor
      content.hidden = false
      root.classList.remove('ld')
      showCount()
      if (data.signIn) {
        known = data.signIn
        for (const composer of composers) composer.sync_()
      }
      if (!shadow) mount()
      if (first) {
        first = false
        dispatch('parley:ready', { count })
      }
    } catch (error) {
      if (aborter.signal.aborted) return
      note.textContent = `${t(Word.loadFailed)} ${(error as Error).message}`
      retry.hidden = false
    }
  }

  async function loadMore() {
    if (!cursor || more.getAttribute('aria-disabled')) return
    more.setAttribute('aria-disabled', 'true')
    try {
      const data = await fetchPage(cursor)
      cursor = data.nextCursor
      // A later page tells the count the first page did: the count shown already has the reader's
      // own posts and deletions since then.
      const added = add(data.comments)
      more.hidden = !cursor
      showCount()
      focusOn(added.find((li) => !li.hidden)?.querySelector('article') ?? heading)
    } catch (error) {
      say((error as Error).message)
    } finally {
      more.removeAttribute('aria-disabled')
    }
  }

  function setSort(value: typeof sort) {
    if (value === sort) return
    sort = value
    for (const button of sortGroup.children)
      button.setAttribute('aria-pressed', String(button.textContent === t(SORT_WORDS[value])))
    expanded.clear()
    void load()
  }

  function openReply(c: Comment, button: HTMLButtonElement) {
    replying?.close_()
    const li = nodes.get(c.id)?.li_
    if (!li) return
    const close = (focusBack = true) => {
      composer.form.remove()
      composers.delete(composer)
      replying = undefined
      if (focusBack) button.focus()
    }
    const composer = createComposer(composerHost, c, () => close())
    composers.add(composer)
    replying = { composer_: composer, close_: () => close(false) }
    li.querySelector(':scope > article')?.after(composer.form)
    composer.focus()
  }

  async function post(draft: Parameters<ComposerHost['post_']>[0], key: string, parent?: Comment) {
    const s = session()
    const title = document.title.trim().slice(0, 300)
    const body = {
      ...pageRef(),
      ...(title && { pageTitle: title }),
      ...(parent && { parentId: parent.id }),
      body: draft.body,
      ...(!s && draft.author && { author: draft.author }),
      hp: draft.hp,
      notify: draft.notify, // JSON leaves it out when undefined
      ...(formToken && { formToken }),
    }
    const headers: Record<string, string> = { 'Idempotency-Key': key }
    if (s) headers.Authorization = `Bearer ${s.token}`
    say(t(Word.posting))
    let res: PostCommentResponse
    try {
      res = await call<PostCommentResponse>('/comments', { method: 'POST', body, headers })
    } catch (error) {
      say('')
      if (error instanceof ApiError && error.status === 401 && s) setSession(undefined)
      throw error
    }
    const { comment, editToken } = res
    storage.setMine_(comment.id, { ...(editToken && { t: editToken }), at: Date.now(), b: draft.body })
    if (!s && draft.author) storage.setGuest_(draft.author)
    const published = comment.status === 'published'
    if (!nodes.has(comment.id)) {
      const li = renderComment(comment, view, !published)
      nodes.set(comment.id, { c_: comment, li_: li, published_: published })
      const parentNode = parent && nodes.get(parent.id)
      if (parentNode) {
        const top = parentNode.li_.closest('.list > li') as HTMLLIElement | null
        if (top?.dataset.id) expanded.add(top.dataset.id)
        repliesOf(parentNode.li_).append(li)
        replying?.close_()
        collapse()
      } else {
        placeTopLevel(list, li, sort === 'newest')
      }
      if (published) count++
      showCount()
      focusOn(li.querySelector('article'))
    }
    say(t(published ? Word.published : Word.pending))
    dispatch('parley:comment', { comment })
  }

  function onMessage(event: MessageEvent) {
    const data = event.data as { type?: unknown; token?: unknown; user?: SessionUser } | null
    if (event.origin !== o.api || data?.type !== 'parley:session') return
    if (typeof data.token !== 'string' || typeof data.user?.name !== 'string') return
    setSession({ token: data.token, user: data.user, exp: tokenExpiry(data.token) || Date.now() + 3_600_000 })
    say(t(Word.signedIn, data.user.name))
    ;(replying?.composer_ ?? main).focus()
  }
  window.addEventListener('message', onMessage)

  let started: Promise<void> | undefined
  const start = () => {
    started ??= load()
    return started
  }
  let observer: IntersectionObserver | undefined
  if ('IntersectionObserver' in window) {
    observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return
        observer?.disconnect()
        void start()
      },
      { rootMargin: LAZY_MARGIN },
    )
    observer.observe(host)
  } else {
    void start()
  }

  return {
    /** Exchanges an ID token the blog already holds for a session (`POST …/auth/token`). */
    async signIn({ provider, idToken }: { provider: string; idToken: string }): Promise<SessionUser> {
      const res = await call<TokenResponse>('/auth/token', { method: 'POST', body: { provider, idToken } })
      setSession({
        token: res.token,
        user: res.user,
        exp: Date.parse(res.expiresAt) || tokenExpiry(res.token),
      })
      say(t(Word.signedIn, res.user.name))
      return res.user
    },
    signOut: () => setSession(undefined),
    /** Shows another page's comments (single-page apps); without arguments, the current location's. */
    async reload(next: { pageUrl?: string; pageId?: string } = {}, fallbackUrl = o.pageUrl): Promise<void> {
      aborter.abort()
      aborter = new AbortController()
      o.pageUrl = next.pageUrl ? new URL(next.pageUrl, location.href).href : fallbackUrl
      o.pageId = next.pageId
      replying?.close_()
      expanded.clear()
      feedback?.sync_()
      if (started) {
        started = load()
        await started
      }
    },
    destroy() {
      aborter.abort()
      observer?.disconnect()
      window.removeEventListener('message', onMessage)
      composers.clear()
      shadow?.replaceChildren()
      if (shadow && 'adoptedStyleSheets' in shadow) shadow.adoptedStyleSheets = []
    },
  }
}

export type Widget = ReturnType<typeof createWidget>
