import type { AdminComment, Site } from './types.js'

export type Queue = 'pending' | 'spam' | 'published' | 'rejected' | 'deleted'
export type View = Queue | 'feedback' | 'bans' | 'audit' | 'webhooks'

export const QUEUES: readonly string[] = ['pending', 'spam', 'published', 'rejected', 'deleted']
export const isQueue = (view: string): view is Queue => QUEUES.includes(view)
const PANELS: readonly string[] = ['feedback', 'bans', 'audit', 'webhooks']
export const isView = (view: string): view is View => isQueue(view) || PANELS.includes(view)
export const PAGE_SIZE = 25

/** Who is signed in: the administrator (every site) or a moderator of one site. */
export type Credential =
  | { kind: 'admin'; token: string }
  | { kind: 'moderator'; token: string; site: string; name: string | null }

/** A comment in the queue: its data, its checkbox (kept when the row is redrawn), its element. */
export interface Row {
  c: AdminComment
  pick: HTMLInputElement
  el: HTMLLIElement
  error: HTMLParagraphElement
}

/** The page's one state: the signed-in credential, the site and view shown, the queue's rows. */
export const state: {
  cred: Credential | null
  site: Site | null
  view: View
  rows: Row[]
  cursor: string | null
  current: number
  auditCursor: string | null
} = { cred: null, site: null, view: 'pending', rows: [], cursor: null, current: -1, auditCursor: null }

/**
 * Numbers the loads of one list. Each call starts a load and answers whether it is still the one
 * the page shows: the newest of its list, for the view and site it began with. A load overtaken
 * (the reader switched tabs or sites, or the list was reloaded meanwhile) writes nothing, not its
 * rows, its error nor its busy state, so a late answer can never add to the list that replaced it.
 */
export function loads(): () => () => boolean {
  let newest = 0
  return () => {
    const load = ++newest
    const { view, site } = state
    return () => load === newest && view === state.view && site === state.site
  }
}
