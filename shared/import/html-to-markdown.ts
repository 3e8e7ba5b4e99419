import { type DefaultTreeAdapterTypes, parseFragment } from 'parse5'

type Node = DefaultTreeAdapterTypes.ChildNode

const attr = (node: Node, name: string) =>
  'attrs' in node ? node.attrs.find((a) => a.name === name)?.value : undefined

/** Markdown's own characters in text, escaped so imported text stays text. */
const escapeText = (s: string) => s.replace(/([\\`*_[\]<>#])/g, '\\$1')

function inline(nodes: Node[]): string {
  return nodes.map(render).join('')
}

function render(node: Node): string {
  if (node.nodeName === '#text' && 'value' in node) return escapeText(node.value.replace(/\s+/g, ' '))
  if (!('childNodes' in node)) return ''
  const inner = () => inline(node.childNodes)
  switch (node.nodeName) {
    case 'p':
    case 'div':
      return `\n\n${inner().trim()}\n\n`
    case 'br':
      return '  \n'
    case 'strong':
    case 'b':
      return `**${inner()}**`
    case 'em':
    case 'i':
      return `_${inner()}_`
    case 'del':
    case 's':
    case 'strike':
      return `~~${inner()}~~`
    case 'code':
      return `\`${('childNodes' in node ? node.childNodes : []).map((c) => ('value' in c ? c.value : '')).join('')}\``
    case 'pre':
      return `\n\n\`\`\`\n${textOf(node)}\n\`\`\`\n\n`
    case 'blockquote':
      return `\n\n${inner()
        .trim()
        .split('\n')
        .map((l) => `> ${l}`)
        .join('\n')}\n\n`
    case 'li':
      return `\n- ${inner().trim()}`
    case 'ul':
    case 'ol':
      return `\n${inner()}\n\n`
    case 'a': {
      const href = attr(node, 'href') ?? ''
      const text = inner().trim() || href
      return /^(https?:|mailto:)/i.test(href)
        ? `[${text}](<${href.replace(/[<>\s]/g, encodeURIComponent)}>)`
        : text
    }
    case 'script':
    case 'style':
    case 'iframe':
    case 'object':
    case 'template':
      return ''
    default:
      return inner()
  }
}

function textOf(node: Node): string {
  if ('value' in node && node.nodeName === '#text') return node.value
  return 'childNodes' in node ? node.childNodes.map(textOf).join('') : ''
}

/**
 * Turns an imported HTML comment (WordPress, Disqus) into Markdown, keeping paragraphs, emphasis,
 * links, quotes, lists and code; scripts, styles and frames are dropped, any other tag keeps only
 * its text. The Markdown then renders through the same safe renderer as every other comment.
 */
export function htmlToMarkdown(html: string): string {
  // WordPress stores paragraphs as blank lines, not <p>: keep them.
  const withBreaks = html
    .replace(/\r\n?/g, '\n')
    .replace(/\n{2,}/g, '<p></p>')
    .replace(/\n/g, '<br>')
  return inline(parseFragment(withBreaks).childNodes)
    .replace(/[ \t]+\n/g, (m) => (m.startsWith('  ') ? '  \n' : '\n'))
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}
