/**
 * Browser code of the moderation page, part 2: a queue of comments by status, one-click and bulk
 * actions, and the keyboard shortcuts. The comment's `html` is the server's allow-list Markdown
 * output; it still goes through a document of its own and the same allow-list before it is shown.
 */
export const QUEUE_SCRIPT = String.raw`
const ACTIONS = {
  pending: ['approve', 'reject', 'spam', 'delete'],
  spam: ['approve', 'reject', 'delete'],
  published: ['pin', 'reject', 'spam', 'delete'],
  rejected: ['approve', 'spam', 'delete'],
  deleted: ['restore'],
}
const LABEL = { approve: 'Approve', reject: 'Reject', spam: 'Spam', delete: 'Delete', restore: 'Restore', pin: 'Pin', unpin: 'Unpin' }
const DONE = { approve: 'Approved', reject: 'Rejected', spam: 'Marked as spam', delete: 'Deleted', restore: 'Restored', pin: 'Pinned', unpin: 'Unpinned' }
const KEYS = { a: 'approve', s: 'spam', r: 'reject', d: 'delete' }
const ELEMENTS = new Set(['P', 'A', 'EM', 'STRONG', 'CODE', 'PRE', 'DEL', 'BR', 'BLOCKQUOTE', 'UL', 'OL', 'LI',
  'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HR'])
const DROPPED = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'TEXTAREA', 'TITLE'])

/** The comment's HTML, parsed in a document of its own and reduced to the renderer's allow-list. */
function safeFragment(markup) {
  // A DOMParser document runs and loads nothing (the page's CSP still reports handler attributes it saw).
  const body = new DOMParser().parseFromString(markup, 'text/html').body
  const clean = (node) => {
    for (const child of [...node.childNodes]) {
      if (child.nodeType === Node.TEXT_NODE) continue
      if (child.nodeType !== Node.ELEMENT_NODE || !ELEMENTS.has(child.tagName)) {
        const text = child.nodeType === Node.ELEMENT_NODE && !DROPPED.has(child.tagName) ? child.textContent : ''
        child.replaceWith(document.createTextNode(text))
        continue
      }
      for (const attr of [...child.attributes]) {
        const keep = (child.tagName === 'A' && attr.name === 'href' && /^(https?:\/\/|mailto:)/i.test(attr.value)) ||
          (child.tagName === 'CODE' && attr.name === 'class' && /^language-[\w+#.-]+$/.test(attr.value)) ||
          (child.tagName === 'OL' && attr.name === 'start' && /^\d+$/.test(attr.value))
        if (!keep) child.removeAttribute(attr.name)
      }
      if (child.tagName === 'A') {
        child.setAttribute('rel', 'nofollow ugc noopener noreferrer')
        child.setAttribute('target', '_blank')
      }
      clean(child)
    }
  }
  clean(body)
  const fragment = document.createDocumentFragment()
  for (const node of [...body.childNodes]) fragment.append(document.importNode(node, true))
  return fragment
}

const actionsOf = (c) => (ACTIONS[state.view] || []).map((a) => (a === 'pin' && c.pinned ? 'unpin' : a))

function buildRow(row) {
  const c = row.c
  const name = c.author ? c.author.name : 'Anonymous'
  const nameId = 'name-' + c.id
  row.pick = row.pick || h('input', { type: 'checkbox', class: 'pick', 'aria-label': 'Select comment by ' + name })
  row.pick.onchange = updateSelection
  row.error = h('p', { class: 'row-error' })
  const flags = c.reasons.map((r) => h('li', { class: 'badge', title: 'held because: ' + r }, r))
  if (c.pinned) flags.push(h('li', { class: 'badge pin' }, 'pinned'))
  if (c.parentId) flags.push(h('li', { class: 'badge plain' }, 'reply'))
  if (c.editedAt) flags.push(h('li', { class: 'badge plain' }, 'edited'))
  const source = h('pre')
  const details = h('details', { class: 'source' }, h('summary', null, 'Source and details'), source,
    h('dl', null, h('dt', null, 'Id'), h('dd', null, c.id), h('dt', null, 'IP hash'), h('dd', null, c.ipHash || '–'),
      h('dt', null, 'User agent'), h('dd', null, c.userAgent || '–')))
  // The Markdown source is written into the page only when asked for.
  details.addEventListener('toggle', () => { if (details.open) source.textContent = c.body })
  const content = h('div', { class: 'content' })
  content.append(safeFragment(c.html))
  const buttons = actionsOf(c).map((a) => h('button', {
    type: 'button', 'data-action': a, 'aria-label': LABEL[a] + ' comment by ' + name, onclick: () => act(a, [row]),
  }, LABEL[a]))
  buttons.push(h('button', { type: 'button', class: 'danger', 'aria-label': 'Ban the author of comment by ' + name,
    onclick: () => openBan(c) }, 'Ban…'))
  const el = h('li', { class: 'row', tabindex: '-1', 'data-id': c.id, 'aria-labelledby': nameId },
    row.pick,
    h('div', { class: 'body' },
      h('div', { class: 'meta' }, h('span', { class: 'name', id: nameId }, name),
        c.email ? h('span', null, c.email) : null,
        h('span', null, c.author ? c.author.provider + (c.author.verified ? ' ✓' : '') : 'no author'),
        when(c.createdAt), pageLink(c.page),
        flags.length ? h('ul', { class: 'badges', 'aria-label': 'Flags' }, flags) : null),
      content, details, h('div', { class: 'actions' }, buttons), row.error))
  el.addEventListener('focusin', () => setCurrent(state.rows.indexOf(row), false))
  el.addEventListener('click', (event) => {
    if (event.target === el || event.target.closest('.content, .meta')) setCurrent(state.rows.indexOf(row), false)
  })
  return el
}

function addRow(c) {
  const row = { c }
  row.el = buildRow(row)
  state.rows.push(row)
  $('rows').append(row.el)
}

function setCurrent(index, focus) {
  if (state.rows.length === 0) index = -1
  else index = Math.max(0, Math.min(index, state.rows.length - 1))
  state.rows.forEach((r, i) => {
    r.el.classList.toggle('current', i === index)
    if (i === index) r.el.setAttribute('aria-current', 'true')
    else r.el.removeAttribute('aria-current')
  })
  state.current = index
  const row = state.rows[index]
  if (focus && row) {
    row.el.focus()
    row.el.scrollIntoView({ block: 'nearest' })
  }
}

function renderBulk() {
  const actions = ACTIONS[state.view] || []
  $('bulk-buttons').replaceChildren(...actions.filter((a) => a !== 'pin').map((a) =>
    h('button', { type: 'button', 'data-bulk': a, onclick: () => act(a, selectedRows()) }, LABEL[a] + ' selected')))
  updateSelection()
}

const selectedRows = () => state.rows.filter((r) => r.pick.checked)
function updateSelection() {
  const n = selectedRows().length
  const all = $('select-all')
  all.checked = n > 0 && n === state.rows.length
  all.indeterminate = n > 0 && n < state.rows.length
  $('selected-count').textContent = n ? n + ' selected' : ''
  for (const b of $('bulk-buttons').children) b.disabled = n === 0
  for (const r of state.rows) r.el.classList.toggle('selected', r.pick.checked)
}
$('select-all').addEventListener('change', () => {
  for (const r of state.rows) r.pick.checked = $('select-all').checked
  updateSelection()
})

async function loadQueue(reset) {
  const view = state.view
  const site = state.site
  if (reset) {
    state.rows = []
    state.cursor = null
    state.current = -1
    $('rows').replaceChildren()
    renderBulk()
  }
  const more = $('queue-more')
  more.disabled = true
  $('rows').setAttribute('aria-busy', 'true')
  try {
    const query = '?status=' + view + '&limit=' + PAGE_SIZE + (state.cursor ? '&cursor=' + encodeURIComponent(state.cursor) : '')
    const data = await api('GET', sitePath('/comments' + query))
    if (view !== state.view || site !== state.site) return
    for (const c of data.comments) addRow(c)
    state.cursor = data.nextCursor
  } catch (error) {
    fail(error)
  } finally {
    $('rows').removeAttribute('aria-busy')
    more.disabled = false
  }
  more.hidden = !state.cursor
  $('queue-empty').hidden = state.rows.length > 0
  updateSelection()
}
$('queue-more').addEventListener('click', () => loadQueue(false))

function removeRow(row) {
  const index = state.rows.indexOf(row)
  const hadFocus = row.el.contains(document.activeElement)
  row.el.remove()
  state.rows.splice(index, 1)
  if (state.current > index) state.current--
  setCurrent(state.current, hadFocus)
}

/** Applies an action to rows (100 ids a request), then shows each comment's result where it was. */
async function act(action, rows) {
  if (rows.length === 0) return announce('Nothing selected: use x or the checkboxes, or j/k to pick a comment.')
  const reasonInput = $('action-reason')
  const reason = reasonInput.value.trim()
  const results = []
  try {
    for (let i = 0; i < rows.length; i += 100) {
      const ids = rows.slice(i, i + 100).map((r) => r.c.id)
      const body = reason ? { action, ids, reason } : { action, ids }
      results.push(...(await api('POST', sitePath('/moderation'), body)).results)
    }
  } catch (error) {
    return fail(error)
  }
  const failed = []
  for (const result of results) {
    const row = rows.find((r) => r.c.id === result.id)
    if (!row) continue
    if (result.error) {
      failed.push(result)
      row.error.textContent = 'Could not ' + LABEL[action].toLowerCase() + ': ' + result.error
    } else if (result.status !== state.view) {
      removeRow(row)
    } else {
      if (action === 'pin' || action === 'unpin') row.c.pinned = action === 'pin'
      const old = row.el
      const focused = old.contains(document.activeElement)
      row.el = buildRow(row)
      old.replaceWith(row.el)
      setCurrent(state.current, false)
      // The pin button became an unpin button (or back): keep the focus on it.
      if (focused) (row.el.querySelector('[data-action=' + (row.c.pinned ? 'unpin' : 'pin') + ']') || row.el).focus()
    }
  }
  if (reason && failed.length === 0) reasonInput.value = ''
  updateSelection()
  $('queue-empty').hidden = state.rows.length > 0
  const done = results.length - failed.length
  announce(DONE[action] + ' ' + plural(done, 'comment') + (failed.length
    ? '; ' + failed.length + ' failed: ' + failed.map((f) => f.id + ' (' + f.error + ')').join(', ') : '') + '.')
  if (state.rows.length === 0 && state.cursor) loadQueue(false)
}

const typing = (el) => el instanceof HTMLElement && (el.isContentEditable || el.tagName === 'TEXTAREA' ||
  el.tagName === 'SELECT' || (el.tagName === 'INPUT' && !['checkbox', 'radio', 'button', 'submit'].includes(el.type)))

document.addEventListener('keydown', (event) => {
  if (!state.cred || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return
  if (typing(event.target) || document.querySelector('dialog[open]')) return
  const key = event.key
  if (key === '?') openHelp()
  else if (!QUEUES.includes(state.view)) return
  else if (key === 'j' || key === 'k') setCurrent(state.current < 0 ? 0 : state.current + (key === 'j' ? 1 : -1), true)
  else if (key === 'x') {
    const row = state.rows[state.current]
    if (!row) return
    row.pick.checked = !row.pick.checked
    updateSelection()
  } else if (KEYS[key]) {
    const action = KEYS[key]
    if (!ACTIONS[state.view].includes(action)) return announce(LABEL[action] + ' does not apply here.')
    const selected = selectedRows()
    const current = state.rows[state.current]
    act(action, selected.length ? selected : current ? [current] : [])
  } else return
  event.preventDefault()
})
`
