type Child = Node | string | null | undefined | false
type Attrs = Record<string, string | number | boolean | null | undefined | ((event: Event) => void)>

/**
 * Creates an element. Attributes whose value is a function become listeners (`onclick` → `click`);
 * `true` sets an empty attribute; `false`, `null` and `undefined` set none. Text is always text.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag)
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (typeof value === 'function') el.addEventListener(name.slice(2), value)
    else if (value === true) el.setAttribute(name, '')
    else if (value !== false && value != null) el.setAttribute(name, String(value))
  }
  for (const child of children) if (child) el.append(child)
  return el
}

let counter = 0
/** An id unique within the page, for label/aria references inside the shadow root. */
export const uid = (prefix: string) => `${prefix}${++counter}`

/** Moves focus to an element that is not focusable by itself (a comment, a heading). */
export function focusOn(el: HTMLElement | null | undefined): void {
  if (!el) return
  if (!el.hasAttribute('tabindex')) el.tabIndex = -1
  el.focus()
}
