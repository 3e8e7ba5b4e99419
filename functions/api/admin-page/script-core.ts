/**
 * Browser code of the moderation page, part 1: DOM helpers, the API client, signing in and out,
 * the site picker and the tabs. Plain ES2020 in a string, so it needs no build step anywhere (the parts
 * use no template literals and no backslashes); every value from the API reaches the DOM as text, never
 * as markup.
 */
export const CORE_SCRIPT = `
const $ = (id) => document.getElementById(id)
const STORE = 'parley:admin'
const SITE_STORE = 'parley:admin:site'
const PAGE_SIZE = 25
const QUEUES = ['pending', 'spam', 'published', 'rejected', 'deleted']
const state = { cred: null, site: null, view: 'pending', rows: [], cursor: null, current: -1, auditCursor: null }
let popupWindow = null
let popupSite = ''

/** An element with attributes, listeners (onX) and children; strings become text nodes. */
function h(tag, attrs, ...children) {
  const el = document.createElement(tag)
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue
    if (key === 'class') el.className = value
    else if (key.startsWith('on')) el.addEventListener(key.slice(2), value)
    else el.setAttribute(key, value === true ? '' : String(value))
  }
  el.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false))
  return el
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })
const when = (iso) => h('time', { datetime: iso }, iso ? dateFormat.format(new Date(iso)) : '')
const plural = (n, word) => n + ' ' + word + (n === 1 ? '' : 's')
/** A page's URL: a link when it is a web address, else just its text. */
const pageLink = (url) => /^https?:[/][/]/i.test(url)
  ? h('a', { class: 'page', href: url, target: '_blank', rel: 'noopener noreferrer', title: url }, url)
  : h('span', { class: 'page' }, url)

function announce(message) {
  $('alert').textContent = ''
  $('status').textContent = message
}
function fail(error) {
  $('alert').textContent = error && error.message ? error.message : String(error)
}

class ApiError extends Error {
  constructor(message, status, code) {
    super(message)
    this.status = status
    this.code = code
  }
}

/** One request with the signed-in credential (or the token given); a problem answer becomes an ApiError. */
async function send(method, path, body, token) {
  const headers = { Authorization: 'Bearer ' + (token || (state.cred && state.cred.token)) }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  const res = await fetch(path, {
    method, headers, cache: 'no-store', credentials: 'omit',
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (res.ok) return res
  const data = await res.json().catch(() => null)
  const message = (data && (data.detail || data.title)) || 'Request failed (' + res.status + ')'
  if (res.status === 401 && !token && state.cred) signOut('Your sign-in is no longer valid: sign in again.')
  throw new ApiError(message, res.status, data && data.code)
}
async function api(method, path, body, token) {
  const res = await send(method, path, body, token)
  return res.status === 204 ? null : res.json().catch(() => null)
}
const sitePath = (rest) => '/v1/admin/sites/' + encodeURIComponent(state.site.id) + rest

/** Checks a credential against the API, then keeps it for this tab only and opens the console. */
async function signIn(cred) {
  const sites = cred.kind === 'admin'
    ? (await api('GET', '/v1/admin/sites', undefined, cred.token)).sites
    : [await api('GET', '/v1/admin/sites/' + encodeURIComponent(cred.site), undefined, cred.token)]
  if (cred.kind === 'moderator' && !cred.name) cred.name = await moderatorName(cred)
  state.cred = cred
  sessionStorage.setItem(STORE, JSON.stringify(cred))
  $('admin-key').value = ''
  $('mod-token').value = ''
  $('who-label').textContent = cred.kind === 'admin'
    ? 'Administrator' : 'Moderator' + (cred.name ? ': ' + cred.name : '') + ' (' + cred.site + ')'
  const select = $('site-select')
  select.replaceChildren(...sites.map((s) => h('option', { value: s.id }, s.name + ' (' + s.id + ')')))
  $('sign-in').hidden = true
  $('who').hidden = false
  $('console').hidden = false
  if (sites.length === 0) return announce('No sites yet: create one with POST /v1/admin/sites.')
  const remembered = sessionStorage.getItem(SITE_STORE)
  if (sites.some((s) => s.id === remembered)) select.value = remembered
  chooseSite(sites.find((s) => s.id === select.value) || sites[0])
  select.onchange = () => chooseSite(sites.find((s) => s.id === select.value))
}

/** The signed-in moderator's name, for the header; a token pasted by hand does not carry it. */
async function moderatorName(cred) {
  const res = await fetch('/v1/sites/' + encodeURIComponent(cred.site) + '/auth/me', {
    headers: { Authorization: 'Bearer ' + cred.token }, cache: 'no-store', credentials: 'omit',
  }).catch(() => null)
  const data = res && res.ok ? await res.json().catch(() => null) : null
  return data && data.user && typeof data.user.name === 'string' ? data.user.name : null
}

function signInError(cred, error) {
  if (error.status === 401) {
    return cred.kind === 'admin' ? 'That admin key was not accepted.'
      : 'That session is not valid for site ' + cred.site + ' (expired, or signed in to another site).'
  }
  if (error.status === 403) return 'This account is not a moderator of site ' + cred.site + '.'
  return error.message
}
async function trySignIn(cred) {
  try {
    await signIn(cred)
    announce('Signed in.')
  } catch (error) {
    fail(new Error(signInError(cred, error)))
  }
}

function signOut(message) {
  sessionStorage.removeItem(STORE)
  state.cred = null
  state.site = null
  state.rows = []
  $('rows').replaceChildren()
  $('bans-body').replaceChildren()
  $('audit-body').replaceChildren()
  $('feedback-body').replaceChildren()
  $('feedback-messages').replaceChildren()
  $('console').hidden = true
  $('who').hidden = true
  $('sign-in').hidden = false
  if (message) fail(new Error(message))
  else announce('Signed out.')
  $('admin-key').focus()
}

function chooseSite(site) {
  state.site = site
  sessionStorage.setItem(SITE_STORE, site.id)
  showView(QUEUES.includes(state.view) ? state.view : 'pending')
}

function showView(view) {
  state.view = view
  for (const tab of document.querySelectorAll('[role=tab]')) {
    const selected = tab.dataset.view === view
    tab.setAttribute('aria-selected', String(selected))
    tab.tabIndex = selected ? 0 : -1
  }
  const queue = QUEUES.includes(view)
  $('panel-queue').hidden = !queue
  $('panel-queue').setAttribute('aria-labelledby', 'tab-' + (queue ? view : 'pending'))
  $('panel-bans').hidden = view !== 'bans'
  $('panel-audit').hidden = view !== 'audit'
  $('panel-feedback').hidden = view !== 'feedback'
  if (queue) loadQueue(true)
  else if (view === 'bans') loadBans()
  else if (view === 'feedback') loadFeedback()
  else loadAudit(true)
}

$('key-form').addEventListener('submit', (event) => {
  event.preventDefault()
  trySignIn({ kind: 'admin', token: $('admin-key').value.trim() })
})

$('mod-form').addEventListener('submit', async (event) => {
  event.preventDefault()
  const site = $('mod-site').value.trim()
  const list = $('providers')
  list.replaceChildren()
  try {
    const res = await fetch('/v1/sites/' + encodeURIComponent(site) + '/auth/providers', { cache: 'no-store' })
    const data = await res.json()
    if (!res.ok) throw new Error(data.detail || 'No site ' + site)
    if (data.providers.length === 0) throw new Error('Site ' + site + ' has no sign-in providers.')
    list.append(...data.providers.map((p) => h('li', null,
      h('button', { type: 'button', onclick: () => openPopup(site, p) }, 'Sign in with ' + p.name))))
    list.querySelector('button').focus()
  } catch (error) {
    fail(error)
  }
})

function openPopup(site, provider) {
  popupSite = site
  const url = '/v1/sites/' + encodeURIComponent(site) + '/auth/' + encodeURIComponent(provider.id) +
    '/start?origin=' + encodeURIComponent(location.origin)
  popupWindow = window.open(url, 'parley-sign-in', 'popup,width=480,height=640')
  if (!popupWindow) fail(new Error('The sign-in window was blocked: allow pop-ups here, or use a session token.'))
}

// Only the sign-in popup this page opened, on this very origin, may hand over a session.
window.addEventListener('message', (event) => {
  const data = event.data
  if (event.origin !== location.origin || !popupWindow || event.source !== popupWindow) return
  if (!data || data.type !== 'parley:session' || typeof data.token !== 'string') return
  popupWindow = null
  const name = data.user && typeof data.user.name === 'string' ? data.user.name : null
  trySignIn({ kind: 'moderator', token: data.token, site: popupSite, name })
})

$('token-form').addEventListener('submit', (event) => {
  event.preventDefault()
  const site = $('mod-site').value.trim()
  if (!site) {
    fail(new Error('Enter the site id first.'))
    return $('mod-site').focus()
  }
  trySignIn({ kind: 'moderator', token: $('mod-token').value.trim(), site, name: null })
})

$('sign-out').addEventListener('click', () => signOut())

const tablist = document.querySelector('[role=tablist]')
tablist.addEventListener('click', (event) => {
  const tab = event.target.closest('[role=tab]')
  if (tab) showView(tab.dataset.view)
})
tablist.addEventListener('keydown', (event) => {
  if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return
  const tabs = [...tablist.querySelectorAll('[role=tab]')]
  const at = tabs.indexOf(document.activeElement)
  const next = tabs[(at + (event.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length]
  next.focus()
  showView(next.dataset.view)
  event.preventDefault()
})
`
