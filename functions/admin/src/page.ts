import { h } from '../../browser/dom.js'

/** An element of the page's shell (admin-page.ts) by its id, of the type the shell gives it. */
export function $(id: string): HTMLElement
export function $<T extends HTMLElement>(id: string, type: { new (): T; prototype: T }): T
export function $(id: string, type: { new (): HTMLElement; prototype: HTMLElement } = HTMLElement) {
  const el = document.getElementById(id)
  if (!(el instanceof type)) throw new Error(`the page has no ${type.name} #${id}`)
  return el
}

export const input = (id: string) => $(id, HTMLInputElement)

/** Says what happened, in the polite live region, and clears the last error. */
export function announce(message: string): void {
  $('alert').textContent = ''
  $('status').textContent = message
}

/** Shows an error in the alert region. */
export function fail(error: unknown): void {
  $('alert').textContent = error instanceof Error && error.message ? error.message : String(error)
}

export const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })
export const when = (iso: string | null) =>
  h('time', { datetime: iso }, iso ? dateFormat.format(new Date(iso)) : '')
export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/** A page's URL: a link when it is a web address, else just its text. */
export const pageLink = (url: string) =>
  /^https?:\/\//i.test(url)
    ? h('a', { class: 'page', href: url, target: '_blank', rel: 'noopener noreferrer', title: url }, url)
    : h('span', { class: 'page' }, url)

export function openHelp(): void {
  $('help', HTMLDialogElement).showModal()
}
