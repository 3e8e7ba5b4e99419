import { micromark } from 'micromark'
import { gfmAutolinkLiteral, gfmAutolinkLiteralHtml } from 'micromark-extension-gfm-autolink-literal'
import { gfmStrikethrough, gfmStrikethroughHtml } from 'micromark-extension-gfm-strikethrough'

/** `rel` put on every anchor: user-generated, untrusted, no opener, no referrer. */
export const LINK_REL = 'nofollow ugc noopener noreferrer'

const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:'])

// micromark writes every anchor as `<a href="…"` (+ an optional ` title="…"`) and encodes `&"<>` in
// attribute values, so no `"` or `>` can occur inside one. Raw HTML never passes through (it is
// escaped as text), so every `<a` / `<code class=` in the output was written by micromark itself.
const ANCHOR = /<a href="([^"]*)"[^>]*>/g
const CODE_CLASS = /<code class="([^"]*)">/g
const LANGUAGE_CLASS = /^language-[\w+#.-]+$/

const ENTITIES: Record<string, string> = { '&amp;': '&', '&quot;': '"', '&lt;': '<', '&gt;': '>' }

/**
 * Keeps an (HTML-encoded) href only when it is an absolute `http(s)://` or `mailto:` URL that
 * `new URL` accepts. Everything else becomes `''`: `javascript:`, `irc:`, `xmpp:`, relative and
 * protocol-relative (`//host`) links, and scheme-only tricks such as `https:foo` (which a browser
 * would resolve relative to the page).
 */
function safeHref(encoded: string): string {
  const href = encoded.replace(/&(?:amp|quot|lt|gt);/g, (entity) => ENTITIES[entity] ?? entity)
  if (!/^(?:https?:\/\/|mailto:)/i.test(href)) return ''
  try {
    return SAFE_PROTOCOLS.has(new URL(href).protocol) ? encoded : ''
  } catch {
    return ''
  }
}

/**
 * Renders a comment's Markdown to HTML that is safe to insert into the page as-is.
 *
 * - CommonMark (micromark) with safe defaults: raw HTML is shown as text, never interpreted.
 * - GFM autolink literals (`https://…`, `www.…`, e-mail addresses) and `~~strikethrough~~`
 *   (double tilde only).
 * - Images are disabled so readers' browsers never load third-party images: `![a](u)` renders as
 *   `!` followed by a link.
 * - Every link gets `rel="nofollow ugc noopener noreferrer"` and loses its `title`; any href that is
 *   not an absolute http, https or mailto URL is emptied (`href=""`), keeping the link text.
 * - A fenced code block keeps its `language-*` class only when it is plain (`[\w+#.-]`).
 *
 * @param source Markdown written by a commenter (untrusted).
 * @returns The HTML fragment, trimmed.
 */
export function renderMarkdown(source: string): string {
  const html = micromark(source, {
    extensions: [
      gfmAutolinkLiteral(),
      gfmStrikethrough({ singleTilde: false }),
      { disable: { null: ['labelStartImage'] } },
    ],
    htmlExtensions: [gfmAutolinkLiteralHtml(), gfmStrikethroughHtml()],
  })
  return html
    .replace(ANCHOR, (_tag, href: string) => `<a href="${safeHref(href)}" rel="${LINK_REL}">`)
    .replace(CODE_CLASS, (tag, value: string) => (LANGUAGE_CLASS.test(value) ? tag : '<code>'))
    .trim()
}
