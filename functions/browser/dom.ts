// Shared by the widget (functions/embed) and the moderation page (functions/admin): both bundles
// build their DOM with it, so every value reaches the page as text.
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
    else if (value != null && value !== false) el.setAttribute(name, value === true ? '' : String(value))
  }
  for (const child of children) if (child) el.append(child)
  return el
}
