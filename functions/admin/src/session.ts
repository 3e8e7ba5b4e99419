// Signing in (the admin key, a moderator's sign-in popup or session token) and out, and the site picker.
import { h } from '../../browser/dom.js'
import { ApiError } from '../../browser/errors.js'
import { api, onSignInLost } from './client.js'
import { $, announce, fail, input } from './page.js'
import { type Credential, isQueue, state } from './state.js'
import type { Site } from './types.js'
import { showView } from './views.js'

const STORE = 'parley:admin'
const SITE_STORE = 'parley:admin:site'
/** The sign-in popup this page opened, and the site it signs in to. */
let popup: { window: Window; site: string } | null = null

/** Checks a credential against the API, then keeps it for this tab only and opens the console. */
export async function signIn(cred: Credential): Promise<void> {
  const sites =
    cred.kind === 'admin'
      ? (await api<{ sites: Site[] }>('GET', '/v1/admin/sites', undefined, cred.token)).sites
      : [await api<Site>('GET', `/v1/admin/sites/${encodeURIComponent(cred.site)}`, undefined, cred.token)]
  if (cred.kind === 'moderator' && !cred.name) cred.name = await moderatorName(cred.site, cred.token)
  state.cred = cred
  sessionStorage.setItem(STORE, JSON.stringify(cred))
  input('admin-key').value = ''
  input('mod-token').value = ''
  $('who-label').textContent =
    cred.kind === 'admin' ? 'Administrator' : `Moderator${cred.name ? `: ${cred.name}` : ''} (${cred.site})`
  const select = $('site-select', HTMLSelectElement)
  select.replaceChildren(...sites.map((s) => h('option', { value: s.id }, `${s.name} (${s.id})`)))
  $('sign-in').hidden = true
  $('who').hidden = false
  $('console').hidden = false
  const [first] = sites
  if (!first) return announce('No sites yet: create one with POST /v1/admin/sites.')
  const remembered = sessionStorage.getItem(SITE_STORE)
  if (sites.some((s) => s.id === remembered)) select.value = remembered ?? ''
  const chosen = () => sites.find((s) => s.id === select.value)
  chooseSite(chosen() ?? first)
  select.onchange = () => chooseSite(chosen() ?? first)
}

/** The signed-in moderator's name, for the header; a token pasted by hand does not carry it. */
async function moderatorName(site: string, token: string): Promise<string | null> {
  const res = await fetch(`/v1/sites/${encodeURIComponent(site)}/auth/me`, {
    headers: { Authorization: `Bearer ${token}` },
    cache: 'no-store',
    credentials: 'omit',
  }).catch(() => null)
  const data: unknown = res?.ok ? await res.json().catch(() => null) : null
  return userName(data)
}

/** `user.name` of a session answer or message, when it has one. */
const userName = (data: unknown): string | null => {
  const user = isRecord(data) ? data.user : null
  return isRecord(user) && typeof user.name === 'string' ? user.name : null
}
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null

/** Why a credential was refused, in words for the person signing in. */
export function signInError(cred: Credential, error: unknown): string {
  const status = error instanceof ApiError ? error.status : 0
  const site = cred.kind === 'moderator' ? cred.site : ''
  if (status === 401) {
    return cred.kind === 'admin'
      ? 'That admin key was not accepted.'
      : `That session is not valid for site ${site} (expired, or signed in to another site).`
  }
  if (status === 403) return `This account is not a moderator of site ${site}.`
  return error instanceof Error ? error.message : String(error)
}

async function trySignIn(cred: Credential): Promise<void> {
  try {
    await signIn(cred)
    announce('Signed in.')
  } catch (error) {
    fail(new Error(signInError(cred, error)))
  }
}

export function signOut(message?: string): void {
  sessionStorage.removeItem(STORE)
  state.cred = null
  state.site = null
  state.rows = []
  for (const id of ['rows', 'bans-body', 'audit-body', 'feedback-body', 'feedback-messages'])
    $(id).replaceChildren()
  $('console').hidden = true
  $('who').hidden = true
  $('sign-in').hidden = false
  if (message) fail(new Error(message))
  else announce('Signed out.')
  $('admin-key').focus()
}

function chooseSite(site: Site): void {
  state.site = site
  sessionStorage.setItem(SITE_STORE, site.id)
  showView(isQueue(state.view) ? state.view : 'pending')
}

async function showProviders(): Promise<void> {
  const site = input('mod-site').value.trim()
  const list = $('providers')
  list.replaceChildren()
  try {
    const res = await fetch(`/v1/sites/${encodeURIComponent(site)}/auth/providers`, { cache: 'no-store' })
    const data = await res.json()
    if (!res.ok) throw new Error(data.detail || `No site ${site}`)
    const providers: { id: string; name: string }[] = data.providers
    if (providers.length === 0) throw new Error(`Site ${site} has no sign-in providers.`)
    list.append(
      ...providers.map((p) =>
        h(
          'li',
          null,
          h('button', { type: 'button', onclick: () => openPopup(site, p.id) }, `Sign in with ${p.name}`),
        ),
      ),
    )
    list.querySelector('button')?.focus()
  } catch (error) {
    fail(error)
  }
}

function openPopup(site: string, provider: string): void {
  const url = `/v1/sites/${encodeURIComponent(site)}/auth/${encodeURIComponent(provider)}/start?origin=${encodeURIComponent(location.origin)}`
  const opened = window.open(url, 'parley-sign-in', 'popup,width=480,height=640')
  popup = opened ? { window: opened, site } : null
  if (!opened) fail(new Error('The sign-in window was blocked: allow pop-ups here, or use a session token.'))
}

// Only the sign-in popup this page opened, on this very origin, may hand over a session.
function onMessage(event: MessageEvent): void {
  const data: unknown = event.data
  if (event.origin !== location.origin || !popup || event.source !== popup.window) return
  if (!isRecord(data) || data.type !== 'parley:session' || typeof data.token !== 'string') return
  const { site } = popup
  popup = null
  trySignIn({ kind: 'moderator', token: data.token, site, name: userName(data) })
}

/** The credential this tab kept, if it has one (the page wrote it; anything else is not one). */
function savedCredential(): Credential | 'unreadable' | null {
  let saved: unknown
  try {
    saved = JSON.parse(sessionStorage.getItem(STORE) || 'null')
  } catch {
    return null
  }
  if (!isRecord(saved) || typeof saved.token !== 'string') return null
  const { kind, token, site, name } = saved
  if (kind === 'admin') return { kind, token }
  if (kind === 'moderator' && typeof site === 'string') {
    return { kind, token, site, name: typeof name === 'string' ? name : null }
  }
  return 'unreadable'
}

/** Resumes the sign-in this tab kept (as after a reload). */
export function resume(): void {
  const saved = savedCredential()
  if (!saved) return
  ;(saved === 'unreadable' ? Promise.reject(new Error(saved)) : signIn(saved)).catch(() => {
    sessionStorage.removeItem(STORE)
    fail(new Error('Your sign-in is no longer valid: sign in again.'))
  })
}

export function wireSignIn(): void {
  onSignInLost(signOut)
  $('key-form').addEventListener('submit', (event) => {
    event.preventDefault()
    trySignIn({ kind: 'admin', token: input('admin-key').value.trim() })
  })
  $('mod-form').addEventListener('submit', (event) => {
    event.preventDefault()
    showProviders()
  })
  window.addEventListener('message', onMessage)
  $('token-form').addEventListener('submit', (event) => {
    event.preventDefault()
    const site = input('mod-site').value.trim()
    if (!site) {
      fail(new Error('Enter the site id first.'))
      return input('mod-site').focus()
    }
    trySignIn({ kind: 'moderator', token: input('mod-token').value.trim(), site, name: null })
  })
  $('sign-out').addEventListener('click', () => signOut())
}
