// @vitest-environment happy-dom
// The moderation page's queue rows, bans form, feedback and audit panels (functions/admin/src),
// rendered into the page's real shell in happy-dom. The Chromium suite (../admin-page.test.ts)
// drives the same page against the real API.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { auditDetail } from '../../../functions/admin/src/audit.js'
import { openBan } from '../../../functions/admin/src/bans.js'
import { renderFeedback } from '../../../functions/admin/src/feedback.js'
import { feedbackByPage } from '../../../functions/admin/src/feedback-csv.js'
import {
  loadQueue,
  renderRow,
  setCurrent,
  typing,
  updateSelection,
} from '../../../functions/admin/src/queue.js'
import { signInError } from '../../../functions/admin/src/session.js'
import { type Row, state, type View } from '../../../functions/admin/src/state.js'
import type { AdminComment } from '../../../functions/admin/src/types.js'
import { h } from '../../../functions/browser/dom.js'
import { ApiError } from '../../../functions/browser/errors.js'
import { adminComment, loadShell } from './shell.js'

beforeEach(async () => {
  await loadShell()
  state.rows = []
  state.current = -1
})

/** Rows as the queue shows them, in `view`. */
function showRows(view: View, ...comments: AdminComment[]): Row[] {
  state.view = view
  for (const c of comments) {
    const row: Row = { c, pick: h('input', { type: 'checkbox', class: 'pick' }), el: h('li'), error: h('p') }
    row.el = renderRow(row)
    state.rows.push(row)
    document.getElementById('rows')?.append(row.el)
  }
  return state.rows
}

const labels = (el: Element) =>
  [...el.querySelectorAll('.actions button')].map((b) => b.getAttribute('aria-label'))

describe('a row of the queue', () => {
  it('shows every value from the API as text, and a page that is not a web address as no link', () => {
    const [row] = showRows(
      'spam',
      adminComment({
        author: {
          name: '<img src=x onerror=pwned=1>',
          website: null,
          avatar: null,
          provider: 'guest',
          verified: false,
          moderator: false,
        },
        page: 'javascript:pwned=6',
        email: '<i>e</i>@example.com',
        userAgent: '<u>agent</u>',
        ipHash: '<b>hash</b>',
        reasons: ['<b>reason</b>'],
        body: '<b>source</b>',
      }),
    )
    const el = row?.el as HTMLLIElement
    expect(el.querySelector('.name')?.textContent).toBe('<img src=x onerror=pwned=1>')
    expect(el.querySelector('.meta')?.textContent).toContain('<i>e</i>@example.com')
    expect([...el.querySelectorAll('.badge')].map((b) => b.textContent)).toEqual(['<b>reason</b>'])
    expect(el.querySelector('.badge')?.getAttribute('title')).toBe('held because: <b>reason</b>')
    expect(el.querySelector('a.page')).toBeNull()
    expect(el.querySelector('span.page')?.textContent).toBe('javascript:pwned=6')
    expect([...el.querySelectorAll('.source dd')].map((d) => d.textContent)).toEqual([
      'c1',
      '<b>hash</b>',
      '<u>agent</u>',
    ])
    expect(el.querySelectorAll('img, script, b, i, u').length).toBe(0)
  })

  it('links a web page, names the author in every button, and offers what the view allows', () => {
    const [pending] = showRows('pending', adminComment({ author: null }))
    expect(pending?.el.querySelector('a.page')?.getAttribute('href')).toBe('https://blog.example/post')
    expect(pending?.el.querySelector('.name')?.textContent).toBe('Anonymous')
    expect(labels(pending?.el as Element)).toEqual([
      'Approve comment by Anonymous',
      'Reject comment by Anonymous',
      'Spam comment by Anonymous',
      'Delete comment by Anonymous',
      'Ban the author of comment by Anonymous',
    ])
    state.rows = []
    const [pinned] = showRows(
      'published',
      adminComment({ id: 'c2', pinned: true, parentId: 'c1', editedAt: '2026-11-28T00:00:00.000Z' }),
    )
    expect(labels(pinned?.el as Element)[0]).toBe('Unpin comment by Ada')
    expect([...(pinned?.el.querySelectorAll('.badge') ?? [])].map((b) => b.textContent)).toEqual([
      'pinned',
      'reply',
      'edited',
    ])
    state.rows = []
    const [deleted] = showRows('deleted', adminComment({ id: 'c3' }))
    expect(labels(deleted?.el as Element)).toEqual([
      'Restore comment by Ada',
      'Ban the author of comment by Ada',
    ])
  })

  it('keeps the Markdown source, as text, in the closed Source and details', () => {
    const [row] = showRows('pending', adminComment({ body: '**source** <b>x</b>' }))
    const details = row?.el.querySelector('details') as HTMLDetailsElement
    const source = details.querySelector('pre') as HTMLPreElement
    expect(details.open).toBe(false)
    expect(source.textContent).toBe('**source** <b>x</b>')
    expect(source.children).toHaveLength(0)
  })

  it('marks one row current, clamped to the queue, and counts the selection', () => {
    const rows = showRows(
      'pending',
      adminComment({ id: 'a' }),
      adminComment({ id: 'b' }),
      adminComment({ id: 'c' }),
    )
    setCurrent(5, false)
    expect(state.current).toBe(2)
    expect(rows.map((r) => r.el.getAttribute('aria-current'))).toEqual([null, null, 'true'])
    setCurrent(-3, false)
    expect(rows.map((r) => r.el.classList.contains('current'))).toEqual([true, false, false])
    const pick = rows[1]?.pick as HTMLInputElement
    pick.checked = true
    updateSelection()
    const all = document.getElementById('select-all') as HTMLInputElement
    expect(document.getElementById('selected-count')?.textContent).toBe('1 selected')
    expect([all.checked, all.indeterminate]).toEqual([false, true])
    expect(rows[1]?.el.classList.contains('selected')).toBe(true)
    for (const r of rows) r.pick.checked = true
    updateSelection()
    expect([all.checked, all.indeterminate]).toEqual([true, false])
  })

  it('takes a key in a text field for typing, and on a checkbox or button for a shortcut', () => {
    expect(typing(h('input', { type: 'text' }))).toBe(true)
    expect(typing(h('input', {}))).toBe(true)
    expect(typing(h('textarea'))).toBe(true)
    expect(typing(h('select'))).toBe(true)
    expect(typing(h('input', { type: 'checkbox' }))).toBe(false)
    expect(typing(h('button'))).toBe(false)
    expect(typing(document.body)).toBe(false)
    expect(typing(null)).toBe(false)
  })
})

describe('loading the queue', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('lets only the newest load write to the list: a late answer adds no rows and shows no error', async () => {
    // Answers the page's requests in the order the test says, not the order they were sent.
    const answers: ((res: Response) => void)[] = []
    vi.stubGlobal('fetch', () => new Promise<Response>((resolve) => answers.push(resolve)))
    const json = (body: unknown, status = 200) =>
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
    state.cred = { kind: 'admin', token: 'k' }
    state.site = { id: 'demo', name: 'Demo' }
    // Pending, then Spam, then Pending again, each before the last answered.
    state.view = 'pending'
    const first = loadQueue(true)
    state.view = 'spam'
    const second = loadQueue(true)
    state.view = 'pending'
    const third = loadQueue(true)
    answers[2]?.(json({ comments: [adminComment({ id: 'newest' })], nextCursor: null }))
    await third
    answers[0]?.(json({ comments: [adminComment({ id: 'stale' })], nextCursor: 'more' }))
    answers[1]?.(json({ title: 'Service Unavailable', detail: 'The store is busy.' }, 503))
    await Promise.all([first, second])
    expect(state.rows.map((r) => r.c.id)).toEqual(['newest'])
    expect([...document.querySelectorAll('#rows li')].map((li) => li.getAttribute('data-id'))).toEqual([
      'newest',
    ])
    expect(document.getElementById('alert')?.textContent).toBe('')
    expect(document.getElementById('rows')?.hasAttribute('aria-busy')).toBe(false)
    expect(document.getElementById('queue-more')?.hidden).toBe(true)
  })
})

describe('the ban form', () => {
  const field = (id: string) => document.getElementById(id) as HTMLInputElement | HTMLSelectElement

  it('opens filled from a comment: its IP hash first, and only the kinds the comment has a value for', () => {
    openBan(
      adminComment({ ipHash: 'h'.repeat(32), email: 'troll@example.com', page: 'https://blog.example/p' }),
    )
    expect(field('ban-kind').value).toBe('ip')
    expect(field('ban-value').value).toBe('h'.repeat(32))
    expect(document.getElementById('ban-context')?.textContent).toBe(
      'The author of the comment by Ada on https://blog.example/p',
    )
    const kinds = [...(field('ban-kind') as HTMLSelectElement).options].map((o) => [o.value, o.disabled])
    expect(kinds).toEqual([
      ['ip', false],
      ['email', false],
      ['user', false],
    ])
    openBan(adminComment({ ipHash: null, email: null }))
    expect(field('ban-kind').value).toBe('user')
    expect([...(field('ban-kind') as HTMLSelectElement).options].map((o) => o.disabled)).toEqual([
      true,
      true,
      false,
    ])
  })

  it('opens empty, by e-mail, when opened by hand', () => {
    openBan(null)
    expect(field('ban-kind').value).toBe('email')
    expect(field('ban-value').value).toBe('')
    expect(document.getElementById('ban-context')?.textContent).toMatch(/^A ban stops new comments/)
  })
})

describe('the feedback panel', () => {
  it("shows each page's votes with a link to its messages, held ones marked, all as text", () => {
    renderFeedback(
      feedbackByPage(
        'createdAt,page,vote,message,reasons\n' +
          '2026-11-02T00:00:00.000Z,https://blog.example/a,down,Win at the <b>casino</b>,blocklist\n' +
          '2026-11-01T00:00:00.000Z,https://blog.example/a,up,Thanks,\n' +
          '2026-11-01T00:00:00.000Z,javascript:alert(1),up,,\n',
      ),
    )
    const rows = [...document.querySelectorAll('#feedback-body tr')]
    expect(rows.map((tr) => [...tr.querySelectorAll('td')].slice(0, 3).map((td) => td.textContent))).toEqual([
      ['1', '1', '2 messages'],
      ['1', '0', '–'],
    ])
    expect(rows[0]?.querySelector('td a')?.getAttribute('href')).toBe('#feedback-page-0')
    expect(rows[1]?.querySelector('a.page')).toBeNull()
    const section = document.getElementById('feedback-page-0') as HTMLElement
    expect(section.querySelector('h3')?.textContent).toBe('Messages on https://blog.example/a')
    const [held, kept] = [...section.querySelectorAll('li.entry')]
    expect(held?.className).toBe('entry held')
    expect([...(held?.querySelectorAll('.badge') ?? [])].map((b) => b.textContent)).toEqual([
      'Not helpful',
      'Held as spam',
      'blocklist',
    ])
    expect(held?.querySelector('.message')?.textContent).toBe('Win at the <b>casino</b>')
    expect(held?.querySelector('b')).toBeNull()
    expect(kept?.className).toBe('entry')
    expect(document.getElementById('feedback-empty')?.hidden).toBe(true)
    renderFeedback([])
    expect(document.getElementById('feedback-empty')?.hidden).toBe(false)
  })
})

describe('the audit log and sign-in messages', () => {
  it("sums up an entry's detail in a line", () => {
    expect(auditDetail({ from: 'pending', to: 'published', reason: 'ok' })).toBe(
      'pending → published · reason: ok',
    )
    expect(auditDetail({ kind: 'ip', value: 'abc' })).toBe('IP address · abc')
    expect(auditDetail({ kind: 'other', to: 'spam' })).toBe('? → spam · other')
    expect(auditDetail({})).toBe('')
  })

  it('says why a credential was refused', () => {
    const admin = { kind: 'admin', token: 'k' } as const
    const moderator = { kind: 'moderator', token: 't', site: 'demo', name: null } as const
    expect(signInError(admin, new ApiError('no', 401))).toBe('That admin key was not accepted.')
    expect(signInError(moderator, new ApiError('no', 401))).toBe(
      'That session is not valid for site demo (expired, or signed in to another site).',
    )
    expect(signInError(moderator, new ApiError('no', 403))).toBe(
      'This account is not a moderator of site demo.',
    )
    expect(signInError(moderator, new ApiError('Site down', 503))).toBe('Site down')
    expect(signInError(admin, new TypeError('Failed to fetch'))).toBe('Failed to fetch')
  })
})
