// The tabs: the five queues, feedback, bans, the audit log and webhooks, one panel shown at a time.
import { loadAudit } from './audit.js'
import { loadBans } from './bans.js'
import { loadFeedback } from './feedback.js'
import { $ } from './page.js'
import { loadQueue } from './queue.js'
import { isQueue, isView, state, type View } from './state.js'
import { loadWebhooks } from './webhooks.js'

const tabs = () => [...document.querySelectorAll<HTMLElement>('[role=tab]')]
/** The view a tab shows (its `data-view`). */
const viewOf = (tab: HTMLElement): View => {
  const view = tab.dataset.view ?? ''
  if (!isView(view)) throw new Error(`no view ${view}`)
  return view
}

/** Selects a view's tab, shows its panel and loads it. */
export function showView(view: View): void {
  state.view = view
  for (const tab of tabs()) {
    const selected = viewOf(tab) === view
    tab.setAttribute('aria-selected', String(selected))
    tab.tabIndex = selected ? 0 : -1
  }
  const queue = isQueue(view)
  $('panel-queue').hidden = !queue
  $('panel-queue').setAttribute('aria-labelledby', `tab-${queue ? view : 'pending'}`)
  $('panel-bans').hidden = view !== 'bans'
  $('panel-audit').hidden = view !== 'audit'
  $('panel-feedback').hidden = view !== 'feedback'
  $('panel-webhooks').hidden = view !== 'webhooks'
  if (queue) loadQueue(true)
  else if (view === 'bans') loadBans()
  else if (view === 'feedback') loadFeedback()
  else if (view === 'webhooks') loadWebhooks()
  else loadAudit(true)
}

export function wireTabs(): void {
  const tablist = document.querySelector<HTMLElement>('[role=tablist]')
  if (!tablist) throw new Error('the page has no tab list')
  tablist.addEventListener('click', (event) => {
    const tab = event.target instanceof Element ? event.target.closest<HTMLElement>('[role=tab]') : null
    if (tab) showView(viewOf(tab))
  })
  tablist.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return
    const all = tabs()
    const focused = document.activeElement
    const at = focused instanceof HTMLElement ? all.indexOf(focused) : -1
    const next = all[(at + (event.key === 'ArrowRight' ? 1 : all.length - 1)) % all.length]
    if (!next) return
    next.focus()
    showView(viewOf(next))
    event.preventDefault()
  })
}
