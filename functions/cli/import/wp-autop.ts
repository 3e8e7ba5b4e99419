/**
 * WordPress stores a comment as typed, with bare line breaks, and adds paragraphs only when it shows
 * it (`wpautop`). An HTML conversion collapses bare line breaks to spaces, so they are made explicit
 * here first: blank lines part paragraphs, single ones become `<br>`. Blocks that are already HTML
 * blocks stay as they are, and so does everything inside `<pre>`.
 */
const BLOCK =
  '(?:address|article|aside|blockquote|dd|div|dl|dt|figure|h[1-6]|hr|li|ol|p|pre|section|table|tbody|td|tfoot|th|thead|tr|ul)'
const STARTS_WITH_BLOCK = new RegExp(`^</?${BLOCK}\\b`, 'i')
const ENDS_WITH_BLOCK = new RegExp(`</?${BLOCK}\\b[^>]*>$`, 'i')
const ENDS_WITH_BR = /<br\s*\/?>$/i
const PRE = /<pre\b[\s\S]*?<\/pre>/gi

export function autoParagraphs(text: string): string {
  const normalised = text.replace(/\r\n?/g, '\n').trim()
  const out: string[] = []
  let last = 0
  for (const match of normalised.matchAll(PRE)) {
    out.push(paragraphs(normalised.slice(last, match.index)), match[0])
    last = match.index + match[0].length
  }
  out.push(paragraphs(normalised.slice(last)))
  return out.filter(Boolean).join('\n')
}

function paragraphs(text: string): string {
  return text
    .split(/\n[ \t]*\n\s*/)
    .map((chunk) => chunk.trim())
    .filter(Boolean)
    .map((chunk) => {
      const lines = chunk.split(/[ \t]*\n[ \t]*/)
      const joined = lines
        .map((line, i) => (i === 0 ? '' : lineBreak(lines[i - 1] ?? '', line)) + line)
        .join('')
      return STARTS_WITH_BLOCK.test(chunk) ? joined : `<p>${joined}</p>`
    })
    .join('\n')
}

/** A line break between text becomes `<br>`; one next to a block's tag, or after a `<br>`, is only layout. */
const lineBreak = (before: string, after: string) =>
  ENDS_WITH_BLOCK.test(before) || ENDS_WITH_BR.test(before) || STARTS_WITH_BLOCK.test(after) ? '\n' : '<br>\n'
