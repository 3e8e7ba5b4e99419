// The widget's DOM helpers: the `h()` it shares with the moderation page, and its own.
export { h } from '../../browser/dom.js'

let counter = 0
/** An id unique within the page, for label/aria references inside the shadow root. */
export const uid = (prefix: string) => `${prefix}${++counter}`

/** Moves focus to an element that is not focusable by itself (a comment, a heading). */
export function focusOn(el: HTMLElement | null | undefined): void {
  if (!el) return
  if (!el.hasAttribute('tabindex')) el.tabIndex = -1
  el.focus()
}
