// The audit log: every admin action, newest first, a page at a time.
import { h } from '../../browser/dom.js'
import { KIND } from './bans.js'
import { api, sitePath } from './client.js'
import { $, fail, when } from './page.js'
import { loads, PAGE_SIZE, state } from './state.js'
import type { AuditEntry } from './types.js'

const isBanKind = (kind: unknown): kind is keyof typeof KIND =>
  typeof kind === 'string' && Object.hasOwn(KIND, kind)

/** An entry's detail in a line: the status change, the ban, the reason. */
export function auditDetail(detail: Record<string, unknown>): string {
  const parts: string[] = []
  if (detail.from || detail.to) parts.push(`${detail.from || '?'} → ${detail.to || '?'}`)
  if (detail.kind) parts.push(isBanKind(detail.kind) ? KIND[detail.kind] : String(detail.kind))
  if (detail.value) parts.push(String(detail.value))
  if (detail.reason) parts.push(`reason: ${detail.reason}`)
  return parts.join(' · ')
}

const entryRow = (e: AuditEntry) =>
  h(
    'tr',
    null,
    h('td', null, when(e.at)),
    h('td', null, e.actor),
    h('td', null, e.action),
    h('td', null, e.target),
    h('td', null, auditDetail(e.detail || {})),
  )

const auditLoads = loads()

export async function loadAudit(reset: boolean): Promise<void> {
  const current = auditLoads()
  const more = $('audit-more', HTMLButtonElement)
  if (reset) {
    state.auditCursor = null
    $('audit-body').replaceChildren()
  }
  more.disabled = true
  try {
    const cursor = state.auditCursor ? `&cursor=${encodeURIComponent(state.auditCursor)}` : ''
    const data = await api<{ entries: AuditEntry[]; nextCursor: string | null }>(
      'GET',
      sitePath(`/audit?limit=${PAGE_SIZE}${cursor}`),
    )
    if (!current()) return
    $('audit-body').append(...data.entries.map(entryRow))
    state.auditCursor = data.nextCursor
  } catch (error) {
    if (current()) fail(error)
  } finally {
    if (current()) more.disabled = false
  }
  if (!current()) return
  more.hidden = !state.auditCursor
  $('audit-empty').hidden = $('audit-body').children.length > 0
}

export function wireAudit(): void {
  $('audit-more').addEventListener('click', () => loadAudit(false))
}
