import { type DefaultTreeAdapterTypes, parseFragment } from 'parse5'
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
