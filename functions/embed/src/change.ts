import type { Comment } from '../../../shared/contracts/index.js'
import type { Call } from './api.js'
import { h, uid } from './dom.js'
import type { Translate } from './i18n.js'
import { Word } from './word.js'

/** What editing and deleting one's own comment need from the widget. */
export interface ChangeHost {
  t: Translate
  call_: Call
  /** `X-Edit-Token` (a guest's) or `Authorization` (a session's) for this comment. */
  proof_(id: string): Record<string, string>
  /** The Markdown this browser posted, if it remembers it. */
  source(id: string): string | undefined
  edited_(comment: Comment, body: string): void
  deleted(comment: Comment): void
}

const partsOf = (button: HTMLButtonElement) => {
  const article = button.closest('article')
  const text = article?.querySelector<HTMLElement>('.tx')
  const actions = article?.querySelector<HTMLElement>('.ac')
  return text && actions && !article?.querySelector('form, .ask') ? { text, actions } : undefined
}

/** Swaps the comment's text for a form with its Markdown; Save sends PATCH, Cancel or Escape goes back. */
export function startEdit(host: ChangeHost, c: Comment, button: HTMLButtonElement): void {
  const parts = partsOf(button)
  if (!parts) return
  const { text, actions } = parts
  const { t } = host
  const error = h('p', { class: 'err', role: 'alert', id: uid('e') })
  const area = h('textarea', { id: uid('f'), rows: 4, required: true, 'aria-describedby': error.id })
  area.value = host.source(c.id) ?? text.textContent ?? ''
  const close = () => {
    form.remove()
    text.hidden = actions.hidden = false
    button.focus()
  }
  const form = h(
    'form',
    { class: 'f', novalidate: true },
    h('div', { class: 'fl' }, h('div', { class: 'lb' }, h('label', { for: area.id }, t(Word.comment))), area),
    error,
    h(
      'div',
      { class: 'row' },
      h('button', { type: 'submit', class: 'btn' }, t(Word.save)),
      h('button', { type: 'button', class: 'sec', onclick: close }, t(Word.cancel)),
    ),
  )
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') close()
  })
  let busy = false
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    if (busy) return
    if (!area.value.trim()) {
      error.textContent = t(Word.required)
      area.setAttribute('aria-invalid', 'true')
      return area.focus()
    }
    busy = true
    try {
      const { comment } = await host.call_<{ comment: Comment }>(`/comments/${encodeURIComponent(c.id)}`, {
        method: 'PATCH',
        body: { body: area.value },
        headers: host.proof_(c.id),
      })
      host.edited_(comment, area.value)
    } catch (err) {
      error.textContent = (err as Error).message
      area.focus()
    } finally {
      busy = false
    }
  })
  text.hidden = actions.hidden = true
  text.after(form)
  area.focus()
}

/** Asks "Delete this comment?" in place of the actions; Delete sends DELETE. */
export function confirmDelete(host: ChangeHost, c: Comment, button: HTMLButtonElement): void {
  const parts = partsOf(button)
  if (!parts) return
  const { actions } = parts
  const { t } = host
  const error = h('p', { class: 'err', role: 'alert' })
  const yes = h('button', { type: 'button', class: 'btn' }, t(Word.del))
  const no = h('button', { type: 'button', class: 'sec' }, t(Word.cancel))
  const ask = h(
    'div',
    { class: 'row ask', role: 'group', 'aria-label': t(Word.confirmDel) },
    t(Word.confirmDel),
    yes,
    no,
    error,
  )
  no.addEventListener('click', () => {
    ask.remove()
    actions.hidden = false
    button.focus()
  })
  let busy = false
  yes.addEventListener('click', async () => {
    if (busy) return
    busy = true
    try {
      await host.call_(`/comments/${encodeURIComponent(c.id)}`, {
        method: 'DELETE',
        headers: host.proof_(c.id),
      })
      host.deleted(c)
    } catch (err) {
      error.textContent = (err as Error).message
    } finally {
      busy = false
    }
  })
  actions.hidden = true
  actions.after(ask)
  no.focus()
}
