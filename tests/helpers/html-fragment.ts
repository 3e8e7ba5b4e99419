import { type DefaultTreeAdapterTypes, parseFragment, serialize } from 'parse5'
import type { TestApp } from './test-app.js'
import { PAGE } from './test-app.js'

type Node = DefaultTreeAdapterTypes.ChildNode
export type Element = DefaultTreeAdapterTypes.Element

/** Fetches `comments.html` (the query defaults to {@link PAGE}). */
export const fetchFragment = (
  app: TestApp['app'],
  query = `page=${encodeURIComponent(PAGE)}`,
  init?: RequestInit,
) => app.request(`/v1/sites/demo/comments.html?${query}`, init)

/** Every element of a parsed fragment, depth first, document order. */
export function elementsOf(html: string): Element[] {
  const out: Element[] = []
  const walk = (nodes: Node[]) => {
    for (const node of nodes) {
      if (!('tagName' in node)) continue
      out.push(node)
      walk('content' in node ? node.content.childNodes : node.childNodes)
    }
  }
  walk(parseFragment(html).childNodes)
  return out
}

export const attr = (el: Element, name: string) => el.attrs.find((a) => a.name === name)?.value

/** The text of an element, as a browser's textContent. */
export function textOf(el: Element | Node): string {
  if ('value' in el && el.nodeName === '#text') return el.value
  return 'childNodes' in el ? el.childNodes.map(textOf).join('') : ''
}

/** The ids of the comments the fragment shows, in document order (tombstones included). */
export const fragmentIds = (html: string) =>
  elementsOf(html)
    .filter((el) => el.tagName === 'li' && attr(el, 'class')?.split(' ').includes('c'))
    .map((el) => attr(el, 'data-id'))

/** The parsed ld+json of a fragment, and how many such scripts it holds. */
export function ldJsonOf(html: string): { scripts: Element[]; data: unknown } {
  const scripts = elementsOf(html).filter((el) => el.tagName === 'script')
  const first = scripts[0]
  return { scripts, data: first ? JSON.parse(textOf(first)) : undefined }
}

/** Elements a fragment may hold around the comments' own safe HTML (checked by `violations`). */
const FRAME = new Set([
  'section',
  'div',
  'h2',
  'p',
  'ol',
  'li',
  'article',
  'span',
  'a',
  'time',
  'link',
  'meta',
  'script',
])
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'content', 'xlink:href'])

/**
 * What makes a fragment unsafe (empty when it is safe): a script other than the one ld+json, an
 * event-handler attribute, a javascript:/data:/vbscript: URL, an element outside the frame, a
 * `link`/`meta` that is not microdata, and, inside each comment's text, anything the Markdown
 * allow-list refuses.
 */
export function fragmentViolations(html: string, violations: (html: string) => string[]): string[] {
  const found: string[] = []
  const scripts = elementsOf(html).filter((el) => el.tagName === 'script')
  if (scripts.length !== 1 || attr(scripts[0] as Element, 'type') !== 'application/ld+json')
    found.push(`scripts: ${scripts.map((s) => attr(s, 'type')).join(', ')}`)
  const texts = new Set<Element>()
  for (const el of elementsOf(html)) {
    const inText = (function inside(node: Element): boolean {
      const parent = node.parentNode
      if (!parent || !('tagName' in parent)) return false
      return texts.has(parent) || inside(parent)
    })(el)
    if (attr(el, 'class') === 'tx') texts.add(el)
    if (inText) continue
    if (!FRAME.has(el.tagName)) found.push(`element <${el.tagName}>`)
    if ((el.tagName === 'link' || el.tagName === 'meta') && attr(el, 'itemprop') === undefined)
      found.push(`<${el.tagName}> without itemprop`)
    for (const { name, value } of el.attrs) {
      if (/^on/i.test(name)) found.push(`attribute ${name} on <${el.tagName}>`)
      if (
        URL_ATTRIBUTES.has(name) &&
        /^(?:javascript|data|vbscript):/i.test(value.replace(/[\s\p{Cc}]/gu, ''))
      )
        found.push(`${name}=${JSON.stringify(value)} on <${el.tagName}>`)
    }
  }
  for (const text of texts) found.push(...violations(serialize(text)))
  return found
}
