import { SaxesParser } from 'saxes'

/** An element of a parsed XML document: namespace, local name, attributes, children, text. */
export interface XmlElement {
  ns: string
  name: string
  attrs: Record<string, string>
  children: XmlElement[]
  text: string
}

const ATOM = 'http://www.w3.org/2005/Atom'
// RFC 3339 date-time, as RFC 4287 section 3.3 requires (an uppercase T and Z).
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/

/** Parses XML with saxes (well-formedness checked, namespaces on); throws on any error. */
export function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true })
  const stack: XmlElement[] = []
  let root: XmlElement | undefined
  parser.on('error', (e) => {
    throw e
  })
  parser.on('opentag', (tag) => {
    const el: XmlElement = {
      ns: tag.uri,
      name: tag.local,
      attrs: Object.fromEntries(Object.values(tag.attributes).map((a) => [a.local, a.value])),
      children: [],
      text: '',
    }
    stack.at(-1)?.children.push(el)
    root ??= el
    stack.push(el)
  })
  parser.on('text', (t) => {
    const top = stack.at(-1)
    if (top) top.text += t
  })
  parser.on('cdata', (t) => {
    const top = stack.at(-1)
    if (top) top.text += t
  })
  parser.on('closetag', () => void stack.pop())
  parser.write(xml).close()
  if (!root) throw new Error('no root element')
  return root
}

const isAbsoluteIri = (value: string) => {
  try {
    return new URL(value).protocol.length > 1
  } catch {
    return false
  }
}

/**
 * The RFC 4287 rules a feed breaks (empty when it keeps them): the root `atom:feed`; one id (an
 * absolute IRI), title and updated (RFC 3339) on the feed and on each entry; entry ids unique; at
 * most one alternate link per entry and one at least (as the feed has no content-less entries);
 * an author on the feed or on every entry; a `rel="self"` link.
 */
export function atomViolations(xml: string): string[] {
  const out: string[] = []
  const feed = parseXml(xml)
  if (feed.ns !== ATOM || feed.name !== 'feed') return [`root is {${feed.ns}}${feed.name}`]
  const own = (el: XmlElement, name: string) => el.children.filter((c) => c.ns === ATOM && c.name === name)
  const checkCommon = (el: XmlElement, where: string) => {
    for (const name of ['id', 'title', 'updated']) {
      const found = own(el, name)
      if (found.length !== 1) out.push(`${where} has ${found.length} ${name}`)
    }
    const id = own(el, 'id')[0]?.text.trim() ?? ''
    if (!isAbsoluteIri(id)) out.push(`${where} id ${JSON.stringify(id)} is not an absolute IRI`)
    for (const name of ['updated', 'published'])
      for (const d of own(el, name))
        if (!RFC3339.test(d.text.trim()))
          out.push(`${where} ${name} ${JSON.stringify(d.text)} is not RFC 3339`)
    return id
  }
  checkCommon(feed, 'feed')
  if (!own(feed, 'link').some((l) => l.attrs.rel === 'self')) out.push('feed has no rel=self link')
  const feedHasAuthor = own(feed, 'author').length > 0
  const ids = new Set<string>()
  own(feed, 'entry').forEach((entry, i) => {
    const id = checkCommon(entry, `entry ${i}`)
    if (ids.has(id)) out.push(`entry ${i} repeats id ${id}`)
    ids.add(id)
    const alternates = own(entry, 'link').filter((l) => (l.attrs.rel ?? 'alternate') === 'alternate')
    if (alternates.length !== 1) out.push(`entry ${i} has ${alternates.length} alternate links`)
    if (!feedHasAuthor && own(entry, 'author').length === 0) out.push(`entry ${i} has no author`)
    for (const author of own(entry, 'author'))
      if (own(author, 'name').length !== 1) out.push(`entry ${i} has an author without one name`)
  })
  return out
}

/** The Atom children of an element by local name. */
export const atomChildren = (el: XmlElement, name: string) =>
  el.children.filter((c) => c.ns === ATOM && c.name === name)
