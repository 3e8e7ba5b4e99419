/**
 * Browser code of the moderation page, part 3: bans (list, ban from a comment or by hand, unban),
 * the audit log, the help dialog, and resuming a sign-in kept in this tab.
 */
export const PANELS_SCRIPT = `
const KIND = { ip: 'IP address', email: 'E-mail', user: 'User' }
let banSource = null

async function loadBans() {
  const body = $('bans-body')
  try {
    const { bans } = await api('GET', sitePath('/bans'))
    body.replaceChildren(...bans.map((ban) => {
      const tr = h('tr', null, h('td', null, KIND[ban.kind] || ban.kind), h('td', null, ban.value),
        h('td', null, ban.reason || '–'), h('td', null, ban.expiresAt ? when(ban.expiresAt) : 'never'),
        h('td', null, when(ban.createdAt)))
      tr.append(h('td', null, h('button', { type: 'button', 'aria-label': 'Unban ' + KIND[ban.kind] + ' ' + ban.value,
        onclick: () => unban(ban, tr) }, 'Unban')))
      return tr
    }))
    $('bans-empty').hidden = bans.length > 0
  } catch (error) {
    fail(error)
  }
}

async function unban(ban, tr) {
  try {
    await api('DELETE', sitePath('/bans/' + encodeURIComponent(ban.id)))
    const next = tr.nextElementSibling || tr.previousElementSibling
    tr.remove()
    $('bans-empty').hidden = $('bans-body').children.length > 0
    announce('Lifted the ban on ' + KIND[ban.kind] + ' ' + ban.value + '.')
    ;(next ? next.querySelector('button') : $('ban-new')).focus()
  } catch (error) {
    fail(error)
  }
}

const banValueOf = (c, kind) => (kind === 'ip' ? c.ipHash : kind === 'email' ? c.email : c.userId) || ''

/** Opens the ban form, filled from a comment when there is one (its IP hash, e-mail or user). */
function openBan(comment) {
  banSource = comment || null
  const kind = $('ban-kind')
  for (const option of kind.options) option.disabled = Boolean(comment) && option.value !== 'user' && !banValueOf(comment, option.value)
  kind.value = comment ? (comment.ipHash ? 'ip' : comment.email ? 'email' : 'user') : 'email'
  $('ban-value').value = comment ? banValueOf(comment, kind.value) : ''
  $('ban-reason').value = ''
  $('ban-expiry').value = ''
  $('ban-error').textContent = ''
  $('ban-context').textContent = comment
    ? 'The author of the comment by ' + (comment.author ? comment.author.name : 'Anonymous') + ' on ' + comment.page
    : 'A ban stops new comments from an IP address, an e-mail address or a signed-in user.'
  $('ban-dialog').showModal()
  ;(comment && $('ban-value').value ? $('ban-reason') : $('ban-value')).focus()
}
$('ban-kind').addEventListener('change', () => {
  if (banSource) $('ban-value').value = banValueOf(banSource, $('ban-kind').value)
})
$('ban-new').addEventListener('click', () => openBan(null))
$('ban-cancel').addEventListener('click', () => $('ban-dialog').close())
$('ban-form').addEventListener('submit', async (event) => {
  event.preventDefault()
  const kind = $('ban-kind').value
  const body = { kind, value: $('ban-value').value.trim() }
  const reason = $('ban-reason').value.trim()
  const expiry = $('ban-expiry').value
  if (reason) body.reason = reason
  if (expiry) body.expiresAt = new Date(expiry).toISOString()
  try {
    const ban = await api('POST', sitePath('/bans'), body)
    $('ban-dialog').close()
    announce('Banned ' + KIND[ban.kind] + ' ' + ban.value + (ban.expiresAt ? ' until ' + dateFormat.format(new Date(ban.expiresAt)) : '') + '.')
    if (state.view === 'bans') loadBans()
  } catch (error) {
    $('ban-error').textContent = error.message
  }
})

function auditDetail(detail) {
  const parts = []
  if (detail.from || detail.to) parts.push((detail.from || '?') + ' → ' + (detail.to || '?'))
  if (detail.kind) parts.push(KIND[detail.kind] || String(detail.kind))
  if (detail.value) parts.push(String(detail.value))
  if (detail.reason) parts.push('reason: ' + detail.reason)
  return parts.join(' · ')
}

async function loadAudit(reset) {
  const site = state.site
  const more = $('audit-more')
  if (reset) {
    state.auditCursor = null
    $('audit-body').replaceChildren()
  }
  more.disabled = true
  try {
    const query = '?limit=' + PAGE_SIZE + (state.auditCursor ? '&cursor=' + encodeURIComponent(state.auditCursor) : '')
    const data = await api('GET', sitePath('/audit' + query))
    if (site !== state.site || state.view !== 'audit') return
    $('audit-body').append(...data.entries.map((e) => h('tr', null, h('td', null, when(e.at)), h('td', null, e.actor),
      h('td', null, e.action), h('td', null, e.target), h('td', null, auditDetail(e.detail || {})))))
    state.auditCursor = data.nextCursor
  } catch (error) {
    fail(error)
  } finally {
    more.disabled = false
  }
  more.hidden = !state.auditCursor
  $('audit-empty').hidden = $('audit-body').children.length > 0
}
$('audit-more').addEventListener('click', () => loadAudit(false))

function openHelp() {
  $('help').showModal()
}
$('help-open').addEventListener('click', openHelp)

const saved = (() => {
  try {
    return JSON.parse(sessionStorage.getItem(STORE) || 'null')
  } catch {
    return null
  }
})()
if (saved && typeof saved.token === 'string') {
  signIn(saved).catch(() => {
    sessionStorage.removeItem(STORE)
    fail(new Error('Your sign-in is no longer valid: sign in again.'))
  })
}
`
