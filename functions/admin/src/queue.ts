// The queue of comments by status: one-click and bulk actions, and the keyboard shortcuts.
import { h } from '../../browser/dom.js'
import { openBan } from './bans.js'
import { api, sitePath } from './client.js'
import { $, announce, fail, input, openHelp, pageLink, plural, when } from './page.js'
import { safeFragment } from './safe-fragment.js'
import { isQueue, loads, PAGE_SIZE, type Queue, type Row, state } from './state.js'
import type { AdminComment, ModerationResult } from './types.js'

export type Action = 'approve' | 'reject' | 'spam' | 'delete' | 'restore' | 'pin' | 'unpin'

export const ACTIONS: Record<Queue, Action[]> = {
  pending: ['approve', 'reject', 'spam', 'delete'],
  spam: ['approve', 'reject', 'delete'],
  published: ['pin', 'reject', 'spam', 'delete'],
  rejected: ['approve', 'spam', 'delete'],
  deleted: ['restore'],
}
const LABEL: Record<Action, string> = {
  approve: 'Approve',
  reject: 'Reject',
  spam: 'Spam',
  delete: 'Delete',
  restore: 'Restore',
  pin: 'Pin',
  unpin: 'Unpin',
}
const DONE: Record<Action, string> = {
  approve: 'Approved',
  reject: 'Rejected',
  spam: 'Marked as spam',
  delete: 'Deleted',
  restore: 'Restored',
  pin: 'Pinned',
  unpin: 'Unpinned',
}
const KEYS = new Map<string, Action>([
  ['a', 'approve'],
  ['s', 'spam'],
  ['r', 'reject'],
  ['d', 'delete'],
])

const actionsOfView = () => (isQueue(state.view) ? ACTIONS[state.view] : [])
const actionsOf = (c: AdminComment) => actionsOfView().map((a) => (a === 'pin' && c.pinned ? 'unpin' : a))

/** Draws a row's element from its comment (and gives it a fresh error line); keeps its checkbox. */
export function renderRow(row: Row): HTMLLIElement {
  const c = row.c
  const name = c.author ? c.author.name : 'Anonymous'
  const nameId = `name-${c.id}`
  row.error = h('p', { class: 'row-error' })
  const flags = c.reasons.map((r) => h('li', { class: 'badge', title: `held because: ${r}` }, r))
  if (c.pinned) flags.push(h('li', { class: 'badge pin' }, 'pinned'))
  if (c.parentId) flags.push(h('li', { class: 'badge plain' }, 'reply'))
  if (c.editedAt) flags.push(h('li', { class: 'badge plain' }, 'edited'))
  const details = h(
    'details',
    { class: 'source' },
    h('summary', null, 'Source and details'),
    // Written at once, not on `toggle`: that event comes a task after the click that opens it.
    h('pre', null, c.body),
    h(
      'dl',
      null,
      h('dt', null, 'Id'),
      h('dd', null, c.id),
      h('dt', null, 'IP hash'),
      h('dd', null, c.ipHash || '–'),
      h('dt', null, 'User agent'),
      h('dd', null, c.userAgent || '–'),
    ),
  )
  const content = h('div', { class: 'content' })
  content.append(safeFragment(c.html))
  const buttons = actionsOf(c).map((a) =>
    h(
      'button',
      {
        type: 'button',
        'data-action': a,
        'aria-label': `${LABEL[a]} comment by ${name}`,
        onclick: () => act(a, [row]),
      },
      LABEL[a],
    ),
  )
  buttons.push(
    h(
      'button',
      {
        type: 'button',
        class: 'danger',
        'aria-label': `Ban the author of comment by ${name}`,
        onclick: () => openBan(c),
      },
      'Ban…',
    ),
  )
  const el = h(
    'li',
    { class: 'row', tabindex: '-1', 'data-id': c.id, 'aria-labelledby': nameId },
    row.pick,
    h(
      'div',
      { class: 'body' },
      h(
        'div',
        { class: 'meta' },
        h('span', { class: 'name', id: nameId }, name),
        c.email ? h('span', null, c.email) : null,
        h('span', null, c.author ? c.author.provider + (c.author.verified ? ' ✓' : '') : 'no author'),
        when(c.createdAt),
        pageLink(c.page),
        flags.length ? h('ul', { class: 'badges', 'aria-label': 'Flags' }, ...flags) : null,
      ),
      content,
      details,
      h('div', { class: 'actions' }, ...buttons),
      row.error,
    ),
  )
  el.addEventListener('focusin', () => setCurrent(state.rows.indexOf(row), false))
  el.addEventListener('click', (event) => {
    const target = event.target
    if (target === el || (target instanceof Element && target.closest('.content, .meta'))) {
      setCurrent(state.rows.indexOf(row), false)
    }
  })
  return el
}

function addRow(c: AdminComment): void {
  const name = c.author ? c.author.name : 'Anonymous'
  const pick = h('input', {
    type: 'checkbox',
    class: 'pick',
    'aria-label': `Select comment by ${name}`,
    onchange: updateSelection,
  })
  const row: Row = { c, pick, el: h('li'), error: h('p') }
  row.el = renderRow(row)
  state.rows.push(row)
  $('rows').append(row.el)
}

/** Marks the row at `index` (clamped) as the current one, and moves the focus to it when asked. */
export function setCurrent(index: number, focus: boolean): void {
  const at = state.rows.length === 0 ? -1 : Math.max(0, Math.min(index, state.rows.length - 1))
  state.rows.forEach((r, i) => {
    r.el.classList.toggle('current', i === at)
    if (i === at) r.el.setAttribute('aria-current', 'true')
    else r.el.removeAttribute('aria-current')
  })
  state.current = at
  const row = state.rows[at]
  if (focus && row) {
    row.el.focus()
    row.el.scrollIntoView({ block: 'nearest' })
  }
}

function renderBulk(): void {
  $('bulk-buttons').replaceChildren(
    ...actionsOfView()
      .filter((a) => a !== 'pin')
      .map((a) =>
        h(
          'button',
          { type: 'button', 'data-bulk': a, onclick: () => act(a, selectedRows()) },
          `${LABEL[a]} selected`,
        ),
      ),
  )
  updateSelection()
}

const selectedRows = () => state.rows.filter((r) => r.pick.checked)

/** The select-all box, the count and the bulk buttons, after the selection changed. */
export function updateSelection(): void {
  const n = selectedRows().length
  const all = input('select-all')
  all.checked = n > 0 && n === state.rows.length
  all.indeterminate = n > 0 && n < state.rows.length
  $('selected-count').textContent = n ? `${n} selected` : ''
  for (const b of $('bulk-buttons').querySelectorAll('button')) b.disabled = n === 0
  for (const r of state.rows) r.el.classList.toggle('selected', r.pick.checked)
}

const queueLoads = loads()

/** Shows the next page of the queue in view (the first, emptied, when `reset`). */
export async function loadQueue(reset: boolean): Promise<void> {
  const view = state.view
  const current = queueLoads()
  if (reset) {
    state.rows = []
    state.cursor = null
    state.current = -1
    $('rows').replaceChildren()
    renderBulk()
  }
  const more = $('queue-more', HTMLButtonElement)
  more.disabled = true
  $('rows').setAttribute('aria-busy', 'true')
  try {
    const cursor = state.cursor ? `&cursor=${encodeURIComponent(state.cursor)}` : ''
    const data = await api<{ comments: AdminComment[]; nextCursor: string | null }>(
      'GET',
      sitePath(`/comments?status=${view}&limit=${PAGE_SIZE}${cursor}`),
    )
    if (!current()) return
    for (const c of data.comments) addRow(c)
    state.cursor = data.nextCursor
  } catch (error) {
    if (current()) fail(error)
  } finally {
    if (current()) {
      $('rows').removeAttribute('aria-busy')
      more.disabled = false
    }
  }
  if (!current()) return
  more.hidden = !state.cursor
  $('queue-empty').hidden = state.rows.length > 0
  updateSelection()
}

function removeRow(row: Row): void {
  const index = state.rows.indexOf(row)
  const hadFocus = row.el.contains(document.activeElement)
  row.el.remove()
  state.rows.splice(index, 1)
  if (state.current > index) state.current--
  setCurrent(state.current, hadFocus)
}

/** Applies an action to rows (100 ids a request), then shows each comment's result where it was. */
export async function act(action: Action, rows: Row[]): Promise<void> {
  if (rows.length === 0)
    return announce('Nothing selected: use x or the checkboxes, or j/k to pick a comment.')
  const reasonInput = input('action-reason')
  const reason = reasonInput.value.trim()
  const results: ModerationResult[] = []
  try {
    for (let i = 0; i < rows.length; i += 100) {
      const ids = rows.slice(i, i + 100).map((r) => r.c.id)
      const body = reason ? { action, ids, reason } : { action, ids }
      results.push(
        ...(await api<{ results: ModerationResult[] }>('POST', sitePath('/moderation'), body)).results,
      )
    }
  } catch (error) {
    return fail(error)
  }
  const failed: ModerationResult[] = []
  for (const result of results) {
    const row = rows.find((r) => r.c.id === result.id)
    if (!row) continue
    if (result.error) {
      failed.push(result)
      row.error.textContent = `Could not ${LABEL[action].toLowerCase()}: ${result.error}`
    } else if (result.status !== state.view) {
      removeRow(row)
    } else {
      if (action === 'pin' || action === 'unpin') row.c.pinned = action === 'pin'
      const old = row.el
      const focused = old.contains(document.activeElement)
      row.el = renderRow(row)
      old.replaceWith(row.el)
      setCurrent(state.current, false)
      // The pin button became an unpin button (or back): keep the focus on it.
      if (focused) {
        const button = row.el.querySelector<HTMLElement>(`[data-action=${row.c.pinned ? 'unpin' : 'pin'}]`)
        ;(button ?? row.el).focus()
      }
    }
  }
  if (reason && failed.length === 0) reasonInput.value = ''
  updateSelection()
  $('queue-empty').hidden = state.rows.length > 0
  const done = results.length - failed.length
  const failures = failed.length
    ? `; ${failed.length} failed: ${failed.map((f) => `${f.id} (${f.error})`).join(', ')}`
    : ''
  announce(`${DONE[action]} ${plural(done, 'comment')}${failures}.`)
  if (state.rows.length === 0 && state.cursor) loadQueue(false)
}

const TYPED_INPUTS = ['checkbox', 'radio', 'button', 'submit']
/** Whether a key pressed here is someone typing (a shortcut must not fire). */
export const typing = (el: EventTarget | null) =>
  el instanceof HTMLElement &&
  (el.isContentEditable ||
    el.tagName === 'TEXTAREA' ||
    el.tagName === 'SELECT' ||
    (el instanceof HTMLInputElement && !TYPED_INPUTS.includes(el.type)))

function onKey(event: KeyboardEvent): void {
  if (!state.cred || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return
  if (typing(event.target) || document.querySelector('dialog[open]')) return
  const key = event.key
  const action = KEYS.get(key)
  if (key === '?') openHelp()
  else if (!isQueue(state.view)) return
  else if (key === 'j' || key === 'k')
    setCurrent(state.current < 0 ? 0 : state.current + (key === 'j' ? 1 : -1), true)
  else if (key === 'x') {
    const row = state.rows[state.current]
    if (!row) return
    row.pick.checked = !row.pick.checked
    updateSelection()
  } else if (action) {
    if (!ACTIONS[state.view].includes(action)) {
      announce(`${LABEL[action]} does not apply here.`)
      return
    }
    const selected = selectedRows()
    const current = state.rows[state.current]
    act(action, selected.length ? selected : current ? [current] : [])
  } else return
  event.preventDefault()
}

export function wireQueue(): void {
  const all = input('select-all')
  all.addEventListener('change', () => {
    for (const r of state.rows) r.pick.checked = all.checked
    updateSelection()
  })
  $('queue-more').addEventListener('click', () => loadQueue(false))
  document.addEventListener('keydown', onKey)
}
