// The preview's Markdown: a small, safe subset of what the server renders (paragraphs, line
// breaks, fenced code, quotes, lists, **bold**, *italic* (asterisks only), ~~strike~~, `code`, links). The text is
// HTML-escaped before any tag is written, and every tag comes from this file, so the result is safe
// to assign to innerHTML. After posting, the comment shows the server's own rendering.

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)

// One pass, so a link's URL is never re-scanned as an autolink or as emphasis.
const INLINE =
  /`([^`]+)`|\[([^\]]+)\]\(((?:https?:\/\/|mailto:)[^\s)]+)\)|(https?:\/\/[^\s<]*[^\s<.,:;!?)])|\*\*(.+?)\*\*|\*(.+?)\*|~~(.+?)~~/g

const link = (href: string, text: string) =>
  `<a href="${href}" rel="nofollow ugc noopener noreferrer">${text}</a>`

/** Inline Markdown of already escaped text. */
function inline(text: string): string {
  return text.replace(INLINE, (whole, code, label, href, url, bold, em, strike) =>
    code !== undefined
      ? `<code>${code}</code>`
      : label !== undefined
        ? link(href, inline(label))
        : url !== undefined
          ? link(url, url)
          : bold !== undefined
            ? `<strong>${inline(bold)}</strong>`
            : em !== undefined
              ? `<em>${inline(em)}</em>`
              : strike !== undefined
                ? `<del>${inline(strike)}</del>`
                : whole,
  )
}

const paragraph = (lines: string[]) => `<p>${lines.map(inline).join('<br>')}</p>`

/** Markdown → safe HTML for the preview. */
export function previewHtml(source: string): string {
  const out: string[] = []
  let block: string[] = []
  let kind: 'p' | 'quote' | 'list' | 'code' = 'p'
  const flush = () => {
    if (block.length === 0 && kind !== 'code') return
    if (kind === 'code') out.push(`<pre><code>${block.join('\n')}</code></pre>`)
    else if (kind === 'quote') out.push(`<blockquote>${paragraph(block)}</blockquote>`)
    else if (kind === 'list') out.push(`<ul>${block.map((item) => `<li>${inline(item)}</li>`).join('')}</ul>`)
    else out.push(paragraph(block))
    block = []
    kind = 'p'
  }
  for (const line of escapeHtml(source.replace(/\r\n?/g, '\n')).split('\n')) {
    if (kind === 'code') {
      if (/^\s*```/.test(line)) flush()
      else block.push(line)
      continue
    }
    const fence = /^\s*```/.test(line)
    const quote = /^&#62; ?(.*)$/.exec(line)
    const item = /^\s*[-*+] (.*)$/.exec(line)
    const next = fence ? 'code' : quote ? 'quote' : item ? 'list' : line.trim() ? 'p' : undefined
    if (next !== kind || fence || !next) flush()
    if (next && !fence) block.push((quote ?? item)?.[1] ?? line)
    if (next) kind = next
  }
  if (kind === 'code' || block.length) flush()
  return out.join('')
}
