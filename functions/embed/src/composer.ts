import type { Comment } from '../../../shared/contracts/index.js'
import { type ApiError, newKey, type ProvidersResponse } from './api.js'
import { h, uid } from './dom.js'
import type { Translate } from './i18n.js'
import { previewHtml } from './markdown.js'
import type { GuestFields, Session } from './storage.js'
import { Word } from './word.js'

export interface Draft {
  body: string
  author?: GuestFields & { name: string }
  hp: string
  /** Reply mail asked for; `undefined` (left out of the JSON) when not. */
  notify: true | undefined
}

/** What a comment form needs from the widget. */
export interface ComposerHost {
  t: Translate
  session_(): Session | undefined
  providers_(): ProvidersResponse | undefined
  guest_(): GuestFields
  signIn_(providerId: string): void
  signOut_(): void
  /** Posts and shows the comment; throws an ApiError with the problem. */
  post_(draft: Draft, idempotencyKey: string, parent?: Comment): Promise<void>
}

export interface Composer {
  form: HTMLFormElement
  /** Shows the sign-in state and the guest fields the site asks for. */
  sync_(): void
  focus(): void
}

const GUESTS_BY_DEFAULT = { allowed: true, requireEmail: false }
const withScheme = (url: string) => (/^[a-z][a-z0-9+.-]*:/i.test(url) ? url : `https://${url}`)

/** "Leave a comment" (or an inline reply to `parent`): Markdown with a preview, guest fields, sign-in. */
export function createComposer(host: ComposerHost, parent?: Comment, cancel?: () => void): Composer {
  const { t } = host
  const stored = host.guest_()
  const error = h('p', { class: 'err', role: 'alert', id: uid('e') })
  const control = <T extends HTMLInputElement | HTMLTextAreaElement>(el: T, value = '') => {
    el.id = uid('f')
    el.value = value
    return el
  }
  const body = control(h('textarea', { name: 'body', rows: 4, required: true }))
  const name = control(
    h('input', { name: 'name', autocomplete: 'name', maxlength: 80, required: true }),
    stored.name,
  )
  const email = control(h('input', { name: 'email', type: 'email', autocomplete: 'email' }), stored.email)
  const website = control(
    h('input', { name: 'website', inputmode: 'url', autocomplete: 'url' }),
    stored.website,
  )
  const fields = {
    '#/body': body,
    '#/author/name': name,
    '#/author/email': email,
    '#/author/website': website,
  }
  /** A labelled control; its hint beside the label, or `below` it (with anything else). */
  const field = (el: HTMLElement, label: string, hint?: HTMLElement, below: Node[] = []) => {
    el.setAttribute('aria-describedby', `${hint?.id ?? ''} ${error.id}`.trim())
    const lb = h('div', { class: 'lb' }, h('label', { for: el.id }, label), !below.length && hint)
    return h('div', { class: 'fl' }, lb, el, ...below)
  }
  const emailHint = h('span', { class: 'hint', id: uid('h') })
  const websiteHint = h('span', { class: 'hint', id: uid('h') }, ` ${t(Word.optional)}`)
  const bodyHint = h('p', { class: 'hint', id: uid('h') }, t(Word.hint))
  const notifyHint = h('span', { class: 'hint', id: uid('h') })
  const notify = h('input', { type: 'checkbox', id: uid('f'), 'aria-describedby': notifyHint.id })
  // Always laid out (only its hint follows the sign-in state), so typing an address moves nothing.
  const notifyRow = h(
    'div',
    { class: 'nt' },
    notify,
    h('label', { for: notify.id }, t(Word.notify)),
    notifyHint,
  )
  const hp = h('input', { name: 'hp', tabindex: -1, autocomplete: 'off' })
  const auth = h('div', { class: 'au' })
  const guest = h(
    'div',
    { class: 'gs' },
    field(name, t(Word.name)),
    field(email, t(Word.email), emailHint),
    field(website, t(Word.website), websiteHint),
  )
  const preview = h('div', { class: 'pv', role: 'region', 'aria-label': t(Word.preview), hidden: true })
  const submit = h('button', { type: 'submit', class: 'btn' }, t(Word.post))
  const previewButton = h(
    'button',
    { type: 'button', class: 'sec', 'aria-pressed': 'false' },
    t(Word.preview),
  )
  const headingId = uid('h')
  const bodyField = field(body, t(Word.comment), bodyHint, [preview, bodyHint])

  const form = h(
    'form',
    { class: 'f', novalidate: true, 'aria-labelledby': headingId },
    h('h3', { id: headingId }, parent ? t(Word.replyTo, parent.author?.name ?? '') : t(Word.leave)),
    auth,
    bodyField,
    guest,
    notifyRow,
    h('div', { class: 'hp', 'aria-hidden': 'true' }, h('label', null, 'Leave this field empty ', hp)),
    error,
    h(
      'div',
      { class: 'row' },
      submit,
      previewButton,
      cancel && h('button', { type: 'button', class: 'sec', onclick: cancel }, t(Word.cancel)),
    ),
  )

  const showPreview = () => {
    preview.innerHTML = previewHtml(body.value) // escaped first; see markdown.ts
  }
  previewButton.addEventListener('click', () => {
    const on = preview.hidden
    preview.hidden = !on
    previewButton.setAttribute('aria-pressed', String(on))
    if (on) showPreview()
  })
  body.addEventListener('input', () => {
    if (!preview.hidden) showPreview()
  })
  body.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) form.requestSubmit()
  })
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && cancel) cancel()
  })

  const invalid = (message: string, controls: HTMLElement[]) => {
    error.textContent = message
    for (const el of controls) el.setAttribute('aria-invalid', 'true')
    controls[0]?.focus()
  }

  let busy = false
  let key = ''
  let keyFor = ''
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    if (busy) return
    error.textContent = ''
    for (const el of Object.values(fields)) el.removeAttribute('aria-invalid')
    const session = host.session_()
    const guests = host.providers_()?.guests ?? GUESTS_BY_DEFAULT
    const value = (el: HTMLInputElement) => el.value.trim()
    const author = session
      ? undefined
      : {
          name: value(name),
          ...(value(email) && { email: value(email) }),
          ...(value(website) && { website: withScheme(value(website)) }),
        }
    if (author && !guests.allowed)
      return invalid(t(Word.signInFirst), Array.from(auth.querySelectorAll('button')))
    const missing = [
      !body.value.trim() && body,
      author && !author.name && name,
      author && guests.requireEmail && !author.email && email,
    ].filter((el): el is HTMLInputElement => Boolean(el))
    if (missing.length) return invalid(t(Word.required), missing)

    // Disabled for a guest without an address (nowhere to write), even if checked before.
    const draft: Draft = {
      body: body.value,
      ...(author && { author }),
      hp: hp.value,
      notify: (notify.checked && !notify.disabled) || undefined,
    }
    const fingerprint = JSON.stringify(draft)
    // The same text sent again (a retry after a lost answer) reuses its key: the API answers with
    // the first result instead of posting twice.
    if (fingerprint !== keyFor) {
      key = newKey()
      keyFor = fingerprint
    }
    busy = true
    submit.setAttribute('aria-disabled', 'true')
    try {
      await host.post_(draft, key, parent)
      body.value = ''
      keyFor = ''
      preview.hidden = true
      previewButton.setAttribute('aria-pressed', 'false')
    } catch (err) {
      const problem = (err as ApiError).problem
      const pointers = (problem?.errors ?? []).map((e) => fields[e.pointer as keyof typeof fields])
      invalid((err as Error).message, pointers.filter(Boolean))
    } finally {
      busy = false
      submit.removeAttribute('aria-disabled')
    }
  })

  const canNotify = () => {
    notify.disabled = !host.session_() && !email.value.trim()
  }
  email.addEventListener('input', canNotify)
  const sync = () => {
    const session = host.session_()
    const known = host.providers_()
    const guests = known?.guests ?? GUESTS_BY_DEFAULT
    if (session) {
      const logOut = h('button', { type: 'button', class: 'lk', onclick: host.signOut_ }, t(Word.logOut))
      auth.replaceChildren(h('span', null, t(Word.signedIn, session.user.name)), ' · ', logOut)
    } else {
      auth.replaceChildren(
        ...(known?.providers ?? []).map((p) =>
          h(
            'button',
            { type: 'button', class: 'sec', onclick: () => host.signIn_(p.id) },
            t(Word.signIn, p.name),
          ),
        ),
      )
      if (!guests.allowed) auth.append(h('span', null, t(Word.signInFirst)))
    }
    auth.hidden = !auth.firstChild
    guest.hidden = Boolean(session) || !guests.allowed
    email.required = guests.requireEmail
    notifyRow.hidden = guest.hidden && !session
    notifyHint.textContent = session ? '' : ` ${t(Word.notifyHint)}`
    canNotify()
    emailHint.textContent = ` ${t(guests.requireEmail ? Word.private : Word.privateOptional)}`
  }
  sync()
  return { form, sync_: sync, focus: () => body.focus() }
}
