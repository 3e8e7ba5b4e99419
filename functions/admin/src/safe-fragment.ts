// The comment's `html` is the server's allow-list Markdown output; it still goes through a document
// of its own and the same allow-list before the page shows it.
const ELEMENTS = new Set([
  'P',
  'A',
  'EM',
  'STRONG',
  'CODE',
  'PRE',
  'DEL',
  'BR',
  'BLOCKQUOTE',
  'UL',
  'OL',
  'LI',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HR',
])
/** Elements whose text is not prose: dropped with their content, not kept as text. */
const DROPPED = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'TEXTAREA', 'TITLE'])

const isElement = (node: Node): node is Element => node.nodeType === Node.ELEMENT_NODE

/** The attributes the renderer writes: safe link targets, a code block's language, a list's start. */
const allowed = (el: Element, attr: Attr) =>
  (el.tagName === 'A' && attr.name === 'href' && /^(https?:\/\/|mailto:)/i.test(attr.value)) ||
  (el.tagName === 'CODE' && attr.name === 'class' && /^language-[\w+#.-]+$/.test(attr.value)) ||
  (el.tagName === 'OL' && attr.name === 'start' && /^\d+$/.test(attr.value))

function clean(node: Node): void {
  for (const child of [...node.childNodes]) {
    if (child.nodeType === Node.TEXT_NODE) continue
    if (!isElement(child) || !ELEMENTS.has(child.tagName)) {
      const text = isElement(child) && !DROPPED.has(child.tagName) ? child.textContent : ''
      child.replaceWith(document.createTextNode(text ?? ''))
      continue
    }
    for (const attr of [...child.attributes]) if (!allowed(child, attr)) child.removeAttribute(attr.name)
    if (child.tagName === 'A') {
      child.setAttribute('rel', 'nofollow ugc noopener noreferrer')
      child.setAttribute('target', '_blank')
    }
    clean(child)
  }
}

/** The comment's HTML, parsed in a document of its own and reduced to the renderer's allow-list. */
export function safeFragment(markup: string): DocumentFragment {
  // A DOMParser document runs and loads nothing (the page's CSP still reports handler attributes it saw).
  const body = new DOMParser().parseFromString(markup, 'text/html').body
  clean(body)
  const fragment = document.createDocumentFragment()
  for (const node of [...body.childNodes]) fragment.append(document.importNode(node, true))
  return fragment
}
