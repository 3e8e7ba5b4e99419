// Bans: the list, a ban from a comment or by hand, and lifting one.
import { h } from '../../browser/dom.js'
import { api, sitePath } from './client.js'
import { $, announce, dateFormat, fail, input, when } from './page.js'
import { state } from './state.js'
import type { AdminComment, Ban, BanKind } from './types.js'

export const KIND: Record<BanKind, string> = { ip: 'IP address', email: 'E-mail', user: 'User' }
/** The comment the ban form was opened from, if any: changing "Ban by" fills in its value. */
let banSource: AdminComment | null = null

const banRow = (ban: Ban) => {
  const tr = h(
    'tr',
    null,
    h('td', null, KIND[ban.kind] || ban.kind),
    h('td', null, ban.value),
    h('td', null, ban.reason || '–'),
    h('td', null, ban.expiresAt ? when(ban.expiresAt) : 'never'),
    h('td', null, when(ban.createdAt)),
  )
  const label = `Unban ${KIND[ban.kind]} ${ban.value}`
  tr.append(
    h(
      'td',
      null,
      h('button', { type: 'button', 'aria-label': label, onclick: () => unban(ban, tr) }, 'Unban'),
    ),
  )
  return tr
}

export async function loadBans(): Promise<void> {
  try {
    const { bans } = await api<{ bans: Ban[] }>('GET', sitePath('/bans'))
    $('bans-body').replaceChildren(...bans.map(banRow))
    $('bans-empty').hidden = bans.length > 0
  } catch (error) {
    fail(error)
  }
}

async function unban(ban: Ban, tr: HTMLTableRowElement): Promise<void> {
  try {
    await api('DELETE', sitePath(`/bans/${encodeURIComponent(ban.id)}`))
    const next = tr.nextElementSibling || tr.previousElementSibling
    tr.remove()
    $('bans-empty').hidden = $('bans-body').children.length > 0
    announce(`Lifted the ban on ${KIND[ban.kind]} ${ban.value}.`)
    ;(next?.querySelector('button') ?? $('ban-new')).focus()
  } catch (error) {
    fail(error)
  }
}

/** What a comment gives to ban its author by: its IP hash, its e-mail or its user. */
export const banValueOf = (c: AdminComment, kind: string) =>
  (kind === 'ip' ? c.ipHash : kind === 'email' ? c.email : c.userId) || ''

/** Opens the ban form, filled from a comment when there is one (its IP hash, e-mail or user). */
export function openBan(comment: AdminComment | null): void {
  banSource = comment
  const kind = $('ban-kind', HTMLSelectElement)
  for (const option of kind.options) {
    option.disabled = comment !== null && option.value !== 'user' && !banValueOf(comment, option.value)
  }
  kind.value = comment ? (comment.ipHash ? 'ip' : comment.email ? 'email' : 'user') : 'email'
  input('ban-value').value = comment ? banValueOf(comment, kind.value) : ''
  input('ban-reason').value = ''
  input('ban-expiry').value = ''
  $('ban-error').textContent = ''
  $('ban-context').textContent = comment
    ? `The author of the comment by ${comment.author ? comment.author.name : 'Anonymous'} on ${comment.page}`
    : 'A ban stops new comments from an IP address, an e-mail address or a signed-in user.'
  $('ban-dialog', HTMLDialogElement).showModal()
  ;(comment && input('ban-value').value ? input('ban-reason') : input('ban-value')).focus()
}

async function submitBan(): Promise<void> {
  const kind = $('ban-kind', HTMLSelectElement).value
  const body: { kind: string; value: string; reason?: string; expiresAt?: string } = {
    kind,
    value: input('ban-value').value.trim(),
  }
  const reason = input('ban-reason').value.trim()
  const expiry = input('ban-expiry').value
  if (reason) body.reason = reason
  if (expiry) body.expiresAt = new Date(expiry).toISOString()
  try {
    const ban = await api<Ban>('POST', sitePath('/bans'), body)
    $('ban-dialog', HTMLDialogElement).close()
    const until = ban.expiresAt ? ` until ${dateFormat.format(new Date(ban.expiresAt))}` : ''
    announce(`Banned ${KIND[ban.kind]} ${ban.value}${until}.`)
    if (state.view === 'bans') loadBans()
  } catch (error) {
    $('ban-error').textContent = error instanceof Error ? error.message : String(error)
  }
}

export function wireBans(): void {
  const kind = $('ban-kind', HTMLSelectElement)
  kind.addEventListener('change', () => {
    if (banSource) input('ban-value').value = banValueOf(banSource, kind.value)
  })
  $('ban-new').addEventListener('click', () => openBan(null))
  $('ban-cancel').addEventListener('click', () => $('ban-dialog', HTMLDialogElement).close())
  $('ban-form').addEventListener('submit', (event) => {
    event.preventDefault()
    submitBan()
  })
}
